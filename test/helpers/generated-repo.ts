import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./exec.js";

/**
 * A repository of `count` files made by the benchmark's generator (plain JavaScript), run
 * in a child process as the benchmark runs it.
 */
export function generateRepo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), "anvil-gen-"));
  const script = `import(${JSON.stringify(`${ROOT}bench/lib/generate.js`)})
    .then((m) => m.generateRepo(${JSON.stringify(dir)}, ${count}))`;
  execFileSync(process.execPath, ["-e", script]);
  return dir;
}
