import { Bitset } from "./bitset.js";
import { maxMatching } from "./matching.js";
import type { Preds } from "./order.js";

/** The number of tasks on the longest dependency chain. */
export function criticalPath(preds: Preds, order: readonly number[]): number {
  const depth = new Array<number>(preds.length).fill(0);
  let longest = 0;
  for (const task of order) {
    let before = 0;
    for (const dep of preds[task]!) before = Math.max(before, depth[dep]!);
    depth[task] = before + 1;
    longest = Math.max(longest, before + 1);
  }
  return longest;
}

/**
 * The most tasks that can run at once: the largest set of pairwise unordered tasks. By
 * Dilworth's theorem it equals the fewest chains covering the plan, which is the number of
 * tasks minus a maximum matching between "runs before" pairs of the transitive closure.
 */
export function width(closure: readonly Bitset[]): number {
  const after = closure.map(() => new Bitset(closure.length));
  closure.forEach((before, task) => before.forEach((earlier) => after[earlier]!.add(task)));
  return closure.length - maxMatching(after);
}
