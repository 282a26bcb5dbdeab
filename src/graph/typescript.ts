import { createRequire } from "node:module";
import type { ts as Ts } from "ts-morph";

// ts-morph bundles its own TypeScript. Loading it with `require` skips the scan for named
// exports that an ESM `import` of a CommonJS module costs, a few hundred milliseconds on
// every thread that parses.
const ts: typeof Ts = (createRequire(import.meta.url)("ts-morph") as { ts: typeof Ts }).ts;

export { ts, type Ts };
