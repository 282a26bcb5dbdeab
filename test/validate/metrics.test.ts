import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { criticalPath, width } from "../../src/validate/metrics.js";
import { ancestors, planOrder, type Preds } from "../../src/validate/order.js";

/** A random DAG: each task may depend on any earlier one. */
const dags = fc
  .integer({ min: 1, max: 9 })
  .chain((size) =>
    fc.tuple(
      ...Array.from({ length: size }, (_, task) =>
        fc.subarray(Array.from({ length: task }, (_, i) => i)),
      ),
    ),
  )
  .map((preds) => preds as Preds);

/** The largest set of pairwise unordered tasks, by trying every subset. */
function bruteWidth(preds: Preds): number {
  const closure = ancestors(preds, planOrder(preds));
  let best = 0;
  for (let mask = 1; mask < 1 << preds.length; mask++) {
    const members = preds.map((_, i) => i).filter((i) => mask & (1 << i));
    const free = members.every((a) =>
      members.every((b) => a === b || (!closure[a]!.has(b) && !closure[b]!.has(a))),
    );
    if (free) best = Math.max(best, members.length);
  }
  return best;
}

function bruteLongest(preds: Preds): number {
  const memo = new Map<number, number>();
  const depth = (task: number): number =>
    memo.get(task) ??
    (memo.set(task, 1 + Math.max(0, ...preds[task]!.map(depth))), memo.get(task)!);
  return Math.max(...preds.map((_, i) => depth(i)));
}

describe("plan metrics", () => {
  test("width is the largest antichain (Dilworth, by matching)", () => {
    fc.assert(
      fc.property(dags, (preds) => {
        expect(width(ancestors(preds, planOrder(preds)))).toBe(bruteWidth(preds));
      }),
      { numRuns: 300 },
    );
  });

  test("critical path counts the tasks on the longest chain", () => {
    fc.assert(
      fc.property(dags, (preds) => {
        expect(criticalPath(preds, planOrder(preds))).toBe(bruteLongest(preds));
      }),
      { numRuns: 300 },
    );
  });

  test("plan order puts each task after its dependencies, listed order first", () => {
    expect(planOrder([[2], [], []])).toEqual([1, 2, 0]);
    fc.assert(
      fc.property(dags, (preds) => {
        const order = planOrder(preds);
        const at = new Map(order.map((task, i) => [task, i]));
        preds.forEach((deps, task) =>
          deps.forEach((d) => expect(at.get(d)!).toBeLessThan(at.get(task)!)),
        );
      }),
    );
  });

  test("a chain of 5,000 tasks and a wide plan of 5,000", () => {
    const chain: Preds = Array.from({ length: 5_000 }, (_, i) => (i === 0 ? [] : [i - 1]));
    const closure = ancestors(chain, planOrder(chain));
    expect(width(closure)).toBe(1);
    expect(criticalPath(chain, planOrder(chain))).toBe(5_000);
    const wide: Preds = Array.from({ length: 5_000 }, () => []);
    expect(width(ancestors(wide, planOrder(wide)))).toBe(5_000);
  });
});
