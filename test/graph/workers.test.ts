import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import { graphToJson } from "../../src/report/graph/json.js";
import { anvil, ROOT } from "../helpers/exec.js";

/** A repository large enough for the built analyzer to parse on a worker thread too. */
function generate(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), "anvil-workers-"));
  const script = `import(${JSON.stringify(`${ROOT}bench/lib/generate.js`)})
    .then((m) => m.generateRepo(${JSON.stringify(dir)}, ${count}))`;
  execFileSync(process.execPath, ["-e", script]);
  return dir;
}

describe("parsing on worker threads", () => {
  it("gives the same graph as parsing on one thread, cold and from the cache", async () => {
    const dir = generate(600);
    // In-process from the sources there is no built worker: everything runs on this thread.
    const single = JSON.stringify(graphToJson(await analyzeRepo(dir, { cache: false })), null, 2);
    const cold = anvil(["graph", "--repo", dir, "--json", "--debug"]);
    expect(cold.code).toBe(0);
    expect(cold.stderr).toMatch(/parsed 600 files with [1-9] worker/);
    expect(cold.stdout.trim()).toBe(single);
    const warm = anvil(["graph", "--repo", dir, "--json"]);
    expect(warm.stdout.trim()).toBe(single);
  });
});
