import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { PlanVerdict } from "../../src/validate/index.js";
import { anvilAsync, copyFixture } from "./bin.js";

const PLAN = "fixtures/examples/demo/plan.json";
let REPO: string;
beforeAll(() => {
  REPO = copyFixture("examples/demo/repo");
});

const plan = (...args: string[]) => anvilAsync(["plan", ...args]);

describe("anvil plan --from", () => {
  test("--explain gives each edge its verdict and evidence, then what validation won", async () => {
    const result = await plan("--from", PLAN, "--repo", REPO, "--explain");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(readFileSync("fixtures/examples/demo/explain.txt", "utf8"));
  });

  test("--json prints the verdict object; --out writes a plan that validates unchanged", async () => {
    const out = join(copyFixture("examples/demo/repo"), "..", "validated.json");
    const result = await plan("--from", PLAN, "--repo", REPO, "--json", "--out", out);
    expect(result.code).toBe(0);
    const verdict = JSON.parse(result.stdout) as PlanVerdict;
    expect(verdict.metrics).toEqual({
      tasks: 7,
      edgesBefore: 6,
      edgesAfter: 5,
      criticalPathBefore: 7,
      criticalPathAfter: 3,
      widthBefore: 1,
      widthAfter: 3,
    });
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(written).toEqual(verdict.plan);

    const again = await anvilAsync(["lint", out, "--repo", REPO, "--format", "json"]);
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout) as PlanVerdict;
    expect(second.plan).toEqual(verdict.plan);
    expect(second.edges.map((e) => e.verdict)).toEqual(["kept", "kept", "kept", "kept", "kept"]);
  });

  test("without --explain or --json: one line per edge", async () => {
    const result = await plan("--from", PLAN, "--repo", REPO, "--prune", "direct");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[1]).toMatch(/^ {2}pruned {4}"2" ← "1" {4}none: /);
    expect(result.stdout).toMatch(/\ncritical path 7 → 3, width 1 → 4\n$/);
  });
});

describe("anvil plan: bad usage", () => {
  test.each([
    [["--repo", "."], "anvil: give a goal, or --from PLAN to validate a plan file\n"],
    [["a goal", "--from", PLAN], "anvil: give either a goal or --from PLAN, not both\n"],
    [["--from", PLAN, "--explain", "--json"], "anvil: choose one of --explain and --json\n"],
    [
      ["--from", "nowhere.json"],
      `anvil: plan file not found: ${join(process.cwd(), "nowhere.json")}\n`,
    ],
  ])("%j exits 2", async (args, message) => {
    const result = await plan(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message);
  });

  test("an --out that cannot be written", async () => {
    const out = join(tmpdir(), "no-such-dir", "plan.json");
    const result = await plan("--from", PLAN, "--repo", REPO, "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`anvil: cannot write the validated plan to ${out}: ENOENT\n`);
  });
});
