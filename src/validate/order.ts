import { Bitset } from "./bitset.js";

/** A plan as numbers: `preds[i]` are the indices of the tasks task `i` depends on. */
export type Preds = readonly (readonly number[])[];

/**
 * A topological order in which, among tasks free to go next, the one listed first in the
 * plan goes first: "plan order" for pairs the plan leaves unordered. Assumes no cycle.
 */
export function planOrder(preds: Preds): number[] {
  const size = preds.length;
  const waiting = preds.map((p) => p.length);
  const dependents: number[][] = preds.map(() => []);
  preds.forEach((p, task) => p.forEach((dep) => dependents[dep]!.push(task)));
  const ready = new MinHeap();
  waiting.forEach((count, task) => count === 0 && ready.push(task));
  const order: number[] = [];
  while (ready.size > 0) {
    const task = ready.pop();
    order.push(task);
    for (const next of dependents[task]!) if (--waiting[next]! === 0) ready.push(next);
  }
  if (order.length !== size) throw new Error("planOrder: the dependencies form a cycle");
  return order;
}

/** For each task, every task ordered before it (the transitive closure, as bitsets). */
export function ancestors(preds: Preds, order: readonly number[]): Bitset[] {
  const result = preds.map(() => new Bitset(preds.length));
  for (const task of order) {
    const set = result[task]!;
    for (const dep of preds[task]!) {
      set.addAll(result[dep]!);
      set.add(dep);
    }
  }
  return result;
}

class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      items[parent] = value;
      i = parent;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length === 0) return top;
    items[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && items[left]! < items[smallest]!) smallest = left;
      if (right < items.length && items[right]! < items[smallest]!) smallest = right;
      if (smallest === i) break;
      [items[i], items[smallest]] = [items[smallest]!, items[i]!];
      i = smallest;
    }
    return top;
  }
}
