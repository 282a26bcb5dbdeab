import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { findCycle } from "../../src/plan/index.js";
import { validatePlan } from "../../src/validate/index.js";
import { interactionOracle, orderOf } from "./oracle.js";
import { buildCase, Tape, tapes } from "./random-case.js";

const RUNS = 150;

describe("validatePlan on random graphs and plans", () => {
  test("keeps every interacting pair the claimed plan ordered, in the same order", () => {
    fc.assert(
      fc.property(tapes, (tape) => {
        const c = buildCase(new Tape(tape));
        const interacts = interactionOracle(c);
        const claimed = orderOf(c.plan);
        const validated = orderOf(validatePlan(c.plan, c.graph).plan);
        claimed.forEach((before, b) => {
          for (const a of before) {
            if (interacts(a, b))
              expect(validated[b]!.has(a), `${a + 1} before ${b + 1}`).toBe(true);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("orders every pair that writes a common file, and never makes a cycle", () => {
    fc.assert(
      fc.property(tapes, (tape) => {
        const c = buildCase(new Tape(tape));
        const verdict = validatePlan(c.plan, c.graph);
        expect(findCycle(verdict.plan)).toBeUndefined();
        const order = orderOf(verdict.plan);
        const tasks = verdict.plan.tasks;
        tasks.forEach((a, i) =>
          tasks.forEach((b, j) => {
            const common = (a.writes ?? []).some((p) => (b.writes ?? []).includes(p));
            if (i < j && common) expect(order[j]!.has(i) || order[i]!.has(j)).toBe(true);
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  test("is a fixed point: validating the validated plan changes nothing", () => {
    fc.assert(
      fc.property(tapes, fc.constantFrom("direct", "transitive", "file"), (tape, prune) => {
        const c = buildCase(new Tape(tape));
        const first = validatePlan(c.plan, c.graph, { prune });
        const second = validatePlan(first.plan, c.graph, { prune });
        expect(second.plan).toEqual(first.plan);
        expect(second.edges.filter((e) => e.verdict === "pruned" || e.verdict === "added")).toEqual(
          [],
        );
        expect(second.metrics.criticalPathAfter).toBe(first.metrics.criticalPathAfter);
        expect(second.metrics.widthAfter).toBe(first.metrics.widthAfter);
      }),
      { numRuns: RUNS },
    );
  });

  test("prunes only edges whose tasks the oracle says cannot interact", () => {
    fc.assert(
      fc.property(tapes, (tape) => {
        const c = buildCase(new Tape(tape));
        const interacts = interactionOracle(c);
        const index = new Map(c.plan.tasks.map((t, i) => [t.id, i]));
        for (const edge of validatePlan(c.plan, c.graph).edges) {
          if (edge.verdict !== "pruned") continue;
          expect(interacts(index.get(edge.dependsOn)!, index.get(edge.task)!)).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
