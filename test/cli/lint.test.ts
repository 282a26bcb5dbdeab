import { readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { PlanVerdict } from "../../src/validate/index.js";
import { FIXTURES } from "../helpers/exec.js";
import { anvilAsync, copyFixture } from "./bin.js";

let REPO: string;
let CHAINED: string;
beforeAll(async () => {
  REPO = copyFixture("plans/repo");
  CHAINED = copyFixture("examples/chained/repo");
  // Warm each copy's analysis cache once, so that the cases below start from it.
  await Promise.all([
    lint("fixtures/plans/none.json"),
    lint("fixtures/plans/none.json", [], CHAINED),
  ]);
});

function lint(plan: string, extra: string[] = [], repo = REPO) {
  return anvilAsync(["lint", plan, "--repo", repo, ...extra]);
}

async function verdictOf(name: string, extra: string[] = []) {
  const result = await lint(`${FIXTURES}/plans/${name}.json`, ["--format", "json", ...extra]);
  expect(result.stderr).toBe("");
  return { code: result.code, verdict: JSON.parse(result.stdout) as PlanVerdict };
}

/** The parts of a SARIF log the test reads. */
interface Sarif {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      }[];
    }[];
  }[];
}

const edgesOf = (verdict: PlanVerdict) =>
  verdict.edges.map((e) => `${e.task}←${e.dependsOn} ${e.verdict} ${e.evidence}`);

describe.concurrent("anvil lint on a fixture plan for every evidence kind", () => {
  const cases: [string, number, string[], string[]][] = [
    ["same-file", 0, ["2←1 kept same-file"], []],
    ["declared-uses", 0, ["2←1 kept declared"], []],
    ["declared-reads", 0, ["2←1 kept declared"], []],
    ["import", 0, ["2←1 kept import"], []],
    ["import-barrel", 0, ["2←1 kept import"], []],
    ["barrel-write", 0, ["2←1 kept import"], []],
    ["project-wide", 0, ["2←1 kept project-wide"], []],
    ["declaration-file", 0, ["2←1 kept project-wide"], []],
    ["unknown-no-writes", 1, ["2←1 kept unknown"], ["no-writes"]],
    ["unknown-new-file", 0, ["2←1 kept unknown"], []],
    ["unknown-unparsed", 0, ["2←1 kept unknown"], []],
    ["none", 1, ["2←1 pruned none"], []],
    ["added-order", 1, ["2←1 pruned none", "3←2 pruned none", "3←1 added import"], []],
    ["aliases", 1, ["2←1 pruned none", "3←2 pruned none", "3←1 added import"], []],
    ["added-same-file", 1, ["2←1 added same-file"], []],
    ["unordered-link", 1, [], ["unordered-link"]],
    ["redundant", 0, ["2←1 kept import", "3←2 kept import", "3←1 redundant import"], []],
    ["transitive-only", 0, ["2←1 kept import"], []],
    ["file-level-only", 1, ["2←1 pruned none"], []],
    ["warn-malformed-symbol", 1, ["2←1 kept unknown"], ["malformed-symbol", "malformed-symbol"]],
    ["warn-unknown-symbol-path", 1, ["2←1 pruned none"], ["unknown-symbol-path"]],
    ["warn-provides-unwritten", 1, ["2←1 pruned none"], ["provides-unwritten"]],
  ];
  test.each(cases)("%s", async (name, code, edges, diagnostics) => {
    const result = await verdictOf(name);
    expect(edgesOf(result.verdict)).toEqual(edges);
    expect(result.verdict.diagnostics.map((d) => d.code)).toEqual(diagnostics);
    expect(result.code).toBe(code);
  });

  test("an import chain through a barrel names each hop with file and line", async () => {
    const [edge] = (await verdictOf("import-barrel")).verdict.edges;
    expect(edge!.detail).toBe(
      'src/ui/list.ts (written by task "2") reaches userLabel in src/models/user.ts (written by task "1")',
    );
    expect(edge!.chain).toEqual([
      {
        from: "src/ui/list.ts",
        to: "src/models/index.ts",
        line: 1,
        kind: "static",
        name: "userLabel",
      },
      {
        from: "src/models/index.ts",
        to: "src/models/user.ts",
        line: 2,
        kind: "re-export",
        name: "userLabel",
      },
    ]);
  });

  test("unknown evidence says which declaration would settle it", async () => {
    const [noWrites, newFile, unparsed] = await Promise.all(
      ["unknown-no-writes", "unknown-new-file", "unknown-unparsed"].map((n) => verdictOf(n)),
    );
    expect(noWrites!.verdict.edges[0]!.settle).toBe('declare "writes" for task "2"');
    expect(newFile!.verdict.edges[0]!.settle).toBe(
      'declare "reads" or "uses" for task "2": what src/lib/currency.ts will import',
    );
    expect(unparsed!.verdict.edges[0]!.detail).toBe(
      "src/legacy/broken.ts (reached from src/legacy/uses-broken.ts) could not be parsed: line 3: ',' expected.",
    );
  });

  test("--prune sets how far import chains count", async () => {
    const [direct, file] = await Promise.all([
      verdictOf("transitive-only", ["--prune", "direct"]),
      verdictOf("file-level-only", ["--prune", "file"]),
    ]);
    expect(edgesOf(direct.verdict)).toEqual(["2←1 pruned none"]);
    expect(edgesOf(file.verdict)).toEqual(["2←1 kept import"]);
  });
});

describe.concurrent("anvil lint on a plan that breaks a rule", () => {
  const cases: [string, string][] = [
    ["rule-duplicate-id", 'task "1" appears twice (tasks[0] and tasks[1]); ids must be unique'],
    [
      "rule-unknown-dependency",
      'task "2": depends_on[0] names "7", which is not a task of the plan',
    ],
    ["rule-self-dependency", 'task "1" depends on itself'],
    [
      "rule-cycle",
      'tasks depend on each other in a cycle: "1" → "3" → "2" → "1" (→ reads "depends on")',
    ],
    ["rule-absolute-path", 'task "1": writes[0] "/etc/hosts" is absolute; paths are repo-relative'],
    ["rule-path-outside-repo", 'task "1": writes[0] "../other/src/index.ts" leaves the repository'],
    ["schema-errors", 'task "2" (tasks[1]).writes: expected a list, got "src/lib/money.ts"'],
    ["not-json", "not valid JSON at line 4, column 52: Expected double-quoted property name"],
  ];
  test.each(cases)("%s exits 2 naming the task and field", async (name, message) => {
    const plan = `fixtures/plans/${name}.json`;
    const result = await lint(plan);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toBe(`anvil: ${plan}: ${message}`);
    expect(result.stderr).not.toMatch(/\s{4}at /);
  });

  test("a path through a symlink that leaves the repository", async () => {
    const repo = copyFixture("plans/repo");
    symlinkSync(tmpdir(), join(repo, "linked"));
    const plan = "fixtures/plans/rule-symlink-outside-repo.json";
    const result = await lint(plan, [], repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `anvil: ${plan}: task "1": writes[0] "linked/notes.ts" passes through the symlink linked, which points outside the repository\n`,
    );
  });
});

describe.concurrent("anvil lint output formats", () => {
  const plan = "fixtures/examples/chained/plan.json";

  test("text: one line per edge, then the summary", async () => {
    const result = await lint(plan, [], CHAINED);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        `${plan}: 4 tasks, 3 edges: 2 kept, 1 pruned; 1 added (import chains at the transitive level)`,
        '  kept      "2" ← "1"    declared: task "2" uses src/types/user.ts#User, which task "1" provides',
        '  kept      "3" ← "2"    declared: task "3" uses src/handlers/user.ts#getUser, which task "2" provides',
        '  pruned    "4" ← "3"    none: no common file, no declared link, and no import chain (transitive level) between the files of task "4" and task "3"',
        '  added     "4" ← "2"    declared: task "4" uses src/handlers/user.ts#getUser, which task "2" provides',
        "critical path 4 → 3, width 1 → 2",
        "",
      ].join("\n"),
    );
  });

  test("sarif: SARIF 2.1.0 results at the line of each task's id", async () => {
    const result = await lint(plan, ["--format", "sarif"], CHAINED);
    const sarif = JSON.parse(result.stdout) as Sarif;
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const [run] = sarif.runs;
    expect(run!.tool.driver.name).toBe("anvil");
    const lines = readFileSync(plan, "utf8").split("\n");
    const lineOfTask = (id: string) => lines.findIndex((l) => l.includes(`"id": "${id}"`)) + 1;
    const results = run!.results.map((r) => ({
      ruleId: r.ruleId,
      level: r.level,
      rule: run!.tool.driver.rules[r.ruleIndex]!.id,
      uri: r.locations[0]!.physicalLocation.artifactLocation.uri,
      line: r.locations[0]!.physicalLocation.region.startLine,
    }));
    expect(results).toEqual([
      {
        ruleId: "pruned-edge",
        level: "warning",
        rule: "pruned-edge",
        uri: plan,
        line: lineOfTask("4"),
      },
      {
        ruleId: "added-edge",
        level: "warning",
        rule: "added-edge",
        uri: plan,
        line: lineOfTask("4"),
      },
    ]);
    expect(lineOfTask("4")).toBeGreaterThan(1);
  });

  test("mermaid: the claimed plan with pruned edges dashed, the validated one with added edges", async () => {
    const result = await lint(plan, ["--format", "mermaid"], CHAINED);
    const nodes = (p: string) => [
      `    ${p}0["1: Add the User type"]`,
      `    ${p}1["2: Implement the getUser handler"]`,
      `    ${p}2["3: Test the getUser handler"]`,
      `    ${p}3["4: Export the handler and the type"]`,
    ];
    expect(result.stdout).toBe(
      [
        "flowchart LR",
        '  subgraph cplan["claimed plan"]',
        ...nodes("c"),
        "    c0 --> c1",
        "    c1 --> c2",
        "    c2 -. pruned .-> c3",
        "  end",
        '  subgraph vplan["validated plan"]',
        ...nodes("v"),
        "    v0 --> v1",
        "    v1 --> v2",
        "    v1 == added ==> v3",
        "  end",
        "",
      ].join("\n"),
    );
  });

  test("json: each edge of the classic chain with its verdict and evidence", async () => {
    const result = await lint(plan, ["--format", "json"], CHAINED);
    const verdict = JSON.parse(result.stdout) as PlanVerdict;
    expect(edgesOf(verdict)).toEqual([
      "2←1 kept declared",
      "3←2 kept declared",
      "4←3 pruned none",
      "4←2 added declared",
    ]);
    expect(verdict.metrics).toEqual({
      tasks: 4,
      edgesBefore: 3,
      edgesAfter: 3,
      criticalPathBefore: 4,
      criticalPathAfter: 3,
      widthBefore: 1,
      widthAfter: 2,
    });
    expect(verdict.plan.tasks.map((t) => t.depends_on)).toEqual([[], ["1"], ["2"], ["2"]]);
    expect(verdict.prune).toBe("transitive");
  });
});
