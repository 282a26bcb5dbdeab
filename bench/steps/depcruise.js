// dependency-cruiser's own CLI, run in this process so its peak memory can be read at exit:
// `node bench/steps/depcruise.js DIR OUTPUT_FILE ...ARGS` runs `depcruise ...ARGS` in DIR.
import { fileURLToPath } from "node:url";
import { report } from "./report.js";

const [dir, output, ...args] = process.argv.slice(2);
const started = performance.now();
const bin = fileURLToPath(
  new URL("../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs", import.meta.url),
);
process.chdir(dir);
process.argv = [process.argv[0], bin, "--no-config", "--no-progress", "--output-type", "json"];
process.argv.push("--ts-pre-compilation-deps", "--do-not-follow", "node_modules");
process.argv.push("--output-to", output, ...args);
process.on("exit", () => report(started));
await import(bin);
