import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { UserError } from "../../src/errors.js";
import { checkPlan, loadPlan } from "../../src/plan/index.js";
import { anvil, FIXTURES } from "../helpers/exec.js";

/** Valid plans to break: the examples and every fixture plan that passes the rules. */
const VALID = [
  "examples/chained/plan.json",
  "examples/demo/plan.json",
  "plans/redundant.json",
  "plans/aliases.json",
  "plans/unknown-no-writes.json",
].map((path) => JSON.parse(readFileSync(`${FIXTURES}/${path}`, "utf8")) as Plan);

type Plan = { version?: number; tasks: Record<string, unknown>[] };
type Mutation = (plan: Plan) => void;

const WRONG_TYPES: Record<string, unknown[]> = {
  id: [true, null, {}, [], 1.5, ""],
  title: [7, null, [], {}, ""],
  writes: ["src/a.ts", 3, {}, [1], [null]],
  reads: ["x", [false], [{}]],
  provides: [5, [1], [[]]],
  uses: [{}, [true]],
  depends_on: ["1", [true], [{}], [1.5]],
  estimate: ["soon", -1, 1e308],
};
const BAD_PATHS = ["/etc/passwd", "../outside.ts", "C:\\Windows\\x.ts", "src/../../x.ts", ".."];
const HUGE = "x".repeat(300_000);

/** Each mutation leaves a plan that must be rejected. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .tuple(fc.nat(), fc.constantFrom(...Object.keys(WRONG_TYPES)), fc.nat())
    .map(([t, field, v]) => (plan: Plan) => {
      const values = WRONG_TYPES[field]!;
      pick(plan, t)[field] = values[v % values.length];
    }),
  fc.tuple(fc.nat(), fc.constantFrom("id", "title")).map(([t, field]) => (plan: Plan) => {
    const task = pick(plan, t);
    delete task[field];
    delete task.name;
  }),
  fc
    .tuple(fc.nat(), fc.constantFrom("writes", "reads"), fc.constantFrom(...BAD_PATHS))
    .map(([t, field, path]) => (plan: Plan) => {
      pick(plan, t)[field] = [path];
    }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (plan: Plan) => {
    // Two tasks depending on each other (or one on itself) always make a cycle.
    const first = pick(plan, a);
    const second = pick(plan, b);
    for (const [task, other] of [
      [first, second],
      [second, first],
    ] as const) {
      task.depends_on = [...deps(task), other.id];
      delete task.dependsOn;
    }
  }),
  fc.nat().map((t) => (plan: Plan) => {
    const task = pick(plan, t);
    task.depends_on = [...deps(task), "no-such-task"];
    delete task.dependsOn;
  }),
  fc.nat().map((t) => (plan: Plan) => {
    if (Array.isArray(plan.tasks)) plan.tasks.push({ ...pick(plan, t) });
  }),
  fc
    .tuple(fc.nat(), fc.constantFrom("id", "title", "writes", "tasks", "depends_on"))
    .map(([t, what]) => (plan: Plan) => {
      const task = pick(plan, t);
      if (what === "id" || what === "title") task[what] = HUGE;
      else if (what === "writes")
        task.writes = Array.from({ length: 10_001 }, (_, i) => `f${i}.ts`);
      else if (what === "depends_on") task.depends_on = Array(10_001).fill(task.id);
      else plan.tasks = Array.from({ length: 10_001 }, (_, i) => ({ ...task, id: String(i) }));
    }),
  fc.constantFrom<Mutation>(
    (plan) => void (plan.version = 2),
    (plan) => void ((plan as { tasks: unknown }).tasks = {}),
    (plan) => void (plan.tasks = []),
  ),
);

/** The n-th task (modulo); a loose object once an earlier mutation took the tasks away. */
function pick(plan: Plan, n: number): Record<string, unknown> {
  const tasks = Array.isArray(plan.tasks) ? plan.tasks : [];
  return tasks[n % tasks.length] ?? {};
}

function deps(task: Record<string, unknown>): unknown[] {
  const list = task.depends_on ?? task.dependsOn;
  return Array.isArray(list) ? list : [];
}

function mutate(base: number, mutations: Mutation[]): Plan {
  const plan = structuredClone(VALID[base % VALID.length]!);
  for (const m of mutations) m(plan);
  return plan;
}

const cases = fc.tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }));

describe("broken plans are rejected with a message, never a crash", () => {
  test("checkPlan returns one-line problems for every mutation", () => {
    fc.assert(
      fc.property(cases, ([base, mutations]) => {
        const check = checkPlan(mutate(base, mutations), FIXTURES);
        expect(check.ok).toBe(false);
        if (check.ok) return;
        expect(check.problems.length).toBeGreaterThan(0);
        for (const problem of check.problems) {
          expect(problem).not.toMatch(/\n|\s{4}at |Error:|\[object Object\]/);
          expect(problem.length).toBeLessThan(400);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("loadPlan throws a UserError naming the file", () => {
    fc.assert(
      fc.property(cases, ([base, mutations]) => {
        const text = JSON.stringify(mutate(base, mutations), null, 2);
        let thrown: unknown;
        try {
          loadPlan({ text, name: "mutated.json" }, FIXTURES);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(UserError);
        const lines = (thrown as Error).message.split("\n");
        for (const line of lines) expect(line.startsWith("mutated.json: ")).toBe(true);
        expect(lines.length).toBeLessThanOrEqual(21);
      }),
      { numRuns: 150 },
    );
  });

  test("anvil lint exits 2 with the message and no stack", () => {
    const dir = mkdtempSync(join(tmpdir(), "anvil-mutations-"));
    const samples = fc.sample(cases, { numRuns: 4, seed: 7 });
    samples.forEach(([base, mutations], i) => {
      const file = join(dir, `plan-${i}.json`);
      writeFileSync(file, JSON.stringify(mutate(base, mutations), null, 2));
      const result = anvil(["lint", file, "--repo", `${FIXTURES}/plans/repo`, "--no-cache"]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        new RegExp(`^anvil: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `),
      );
      expect(result.stderr).not.toMatch(/\s{4}at |internal error/);
    });
  });
});
