import { describe, expect, it } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import { graphToJson } from "../../src/report/graph/json.js";
import { anvil } from "../helpers/exec.js";
import { generateRepo } from "../helpers/generated-repo.js";

describe("parsing on worker threads", () => {
  it("gives the same graph as parsing on one thread, cold and from the cache", async () => {
    const dir = generateRepo(600);
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
