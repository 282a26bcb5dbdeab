import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import { REACH_LEVELS, type ReachLevel } from "../../src/graph/reach.js";
import type { RepoGraph } from "../../src/graph/repo-graph.js";
import { loadPlan } from "../../src/plan/index.js";
import type { Plan } from "../../src/plan/types.js";
import { DEFAULT_PRUNE, validatePlan } from "../../src/validate/index.js";
import { FIXTURES } from "../helpers/exec.js";
import { interactionOracle, orderOf } from "./oracle.js";
import { buildCase, Tape, tapes } from "./random-case.js";

/**
 * Which `--prune` level prunes the most without ever dropping a genuine dependency: the
 * measurement behind `DEFAULT_PRUNE`. Genuine orders are labelled by hand on the fixtures
 * ("dependent after dependency") and come from the oracle on random cases.
 */
const LABELLED: { plan: string; repo: string; genuine: [string, string][] }[] = [
  {
    plan: "examples/chained/plan.json",
    repo: "examples/chained/repo",
    genuine: [
      ["2", "1"],
      ["3", "2"],
      ["3", "1"],
      ["4", "2"],
      ["4", "1"],
    ],
  },
  {
    plan: "examples/demo/plan.json",
    repo: "examples/demo/repo",
    genuine: [
      ["2", "1"],
      ["3", "2"],
      ["3", "1"],
      ["5", "4"],
      ["7", "1"],
      ["7", "5"],
    ],
  },
  ...[
    "same-file",
    "declared-uses",
    "declared-reads",
    "import",
    "import-barrel",
    "barrel-write",
    "project-wide",
    "transitive-only",
  ].map((name) => ({ plan: `plans/${name}.json`, repo: "plans/repo", genuine: [["2", "1"]] })),
  { plan: "plans/none.json", repo: "plans/repo", genuine: [] },
  { plan: "plans/file-level-only.json", repo: "plans/repo", genuine: [] },
  { plan: "plans/added-order.json", repo: "plans/repo", genuine: [["3", "1"]] },
  {
    plan: "plans/redundant.json",
    repo: "plans/repo",
    genuine: [
      ["2", "1"],
      ["3", "2"],
      ["3", "1"],
    ],
  },
] as { plan: string; repo: string; genuine: [string, string][] }[];

interface Tally {
  claimed: number;
  pruned: number;
  lost: number;
}

describe("choosing the prune level", () => {
  test("the default prunes the most of the levels that never drop a genuine dependency", async () => {
    const graphs = new Map<string, RepoGraph>();
    const fixtures = new Map<ReachLevel, Tally>();
    const random = new Map<ReachLevel, Tally>();
    for (const level of REACH_LEVELS) {
      const tally = { claimed: 0, pruned: 0, lost: 0 };
      for (const { plan, repo, genuine } of LABELLED) {
        const root = `${FIXTURES}/${repo}`;
        const graph = graphs.get(root) ?? (await analyzeRepo(root, { cache: false }));
        graphs.set(root, graph);
        const loaded = loadPlan({ file: `${FIXTURES}/${plan}` }, root);
        count(tally, loaded.plan, validatePlan(loaded.plan, graph, { prune: level }), (b, a) =>
          genuine.some(
            ([x, y]) => x === loaded.plan.tasks[b]!.id && y === loaded.plan.tasks[a]!.id,
          ),
        );
      }
      fixtures.set(level, tally);
      random.set(level, randomTally(level));
    }
    printTable(fixtures, random);

    const safe = REACH_LEVELS.filter((l) => fixtures.get(l)!.lost + random.get(l)!.lost === 0);
    const best = safe.sort((x, y) => prunedOf(y) - prunedOf(x))[0];
    expect(best).toBe(DEFAULT_PRUNE);
    expect(fixtures.get("direct")!.lost).toBeGreaterThan(0);

    function prunedOf(level: ReachLevel): number {
      return fixtures.get(level)!.pruned + random.get(level)!.pruned;
    }
  });
});

function randomTally(level: ReachLevel): Tally {
  const tally = { claimed: 0, pruned: 0, lost: 0 };
  for (const tape of fc.sample(tapes, { numRuns: 250, seed: 20260101 })) {
    const c = buildCase(new Tape(tape));
    const interacts = interactionOracle(c);
    count(tally, c.plan, validatePlan(c.plan, c.graph, { prune: level }), (b, a) =>
      interacts(a, b),
    );
  }
  return tally;
}

function count(
  tally: Tally,
  claimed: Plan,
  verdict: ReturnType<typeof validatePlan>,
  genuine: (dependent: number, dependency: number) => boolean,
): void {
  tally.claimed += verdict.metrics.edgesBefore;
  tally.pruned += verdict.edges.filter((e) => e.verdict === "pruned").length;
  const before = orderOf(claimed);
  const after = orderOf(verdict.plan);
  before.forEach((set, b) => {
    for (const a of set) if (genuine(b, a) && !after[b]!.has(a)) tally.lost++;
  });
}

function printTable(fixtures: Map<ReachLevel, Tally>, random: Map<ReachLevel, Tally>): void {
  const rows = REACH_LEVELS.map((level) => {
    const f = fixtures.get(level)!;
    const r = random.get(level)!;
    return `| ${level} | ${f.pruned} of ${f.claimed} | ${f.lost} | ${r.pruned} of ${r.claimed} | ${r.lost} |`;
  });
  console.log(
    [
      "| --prune | fixtures: edges pruned | genuine orders lost | random cases: edges pruned | genuine orders lost |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n"),
  );
}
