import type { SchedulableTask } from "./types.js";

/** Tasks in an order where each comes after everything it depends on; throws on a cycle. */
export function topologicalOrder<T extends SchedulableTask>(tasks: readonly T[]): T[] {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const unmet = new Map(tasks.map((task) => [task.id, knownDeps(task, byId).length]));
  const dependents = dependentsOf(tasks);
  const order = tasks.filter((task) => unmet.get(task.id) === 0);
  for (let i = 0; i < order.length; i++) {
    for (const next of dependents.get(order[i]!.id) ?? []) {
      const left = unmet.get(next)! - 1;
      unmet.set(next, left);
      if (left === 0) order.push(byId.get(next)!);
    }
  }
  if (order.length < tasks.length) {
    const stuck = tasks.filter((task) => unmet.get(task.id)! > 0).map((task) => task.id);
    throw new Error(`the plan's dependencies form a cycle through tasks ${stuck.join(", ")}`);
  }
  return order;
}

/** Task id → ids of the tasks that depend on it directly. */
export function dependentsOf(tasks: readonly SchedulableTask[]): Map<string, string[]> {
  const known = new Set(tasks.map((task) => task.id));
  const dependents = new Map<string, string[]>(tasks.map((task) => [task.id, []]));
  for (const task of tasks) {
    for (const dep of new Set(task.depends_on)) {
      if (known.has(dep)) dependents.get(dep)!.push(task.id);
    }
  }
  return dependents;
}

/**
 * For each task, the number of tasks on the longest chain that starts with it (itself
 * included): what is still to do after it, at best, if nothing ran beside it.
 */
export function remainingChains(tasks: readonly SchedulableTask[]): Map<string, number> {
  const dependents = dependentsOf(tasks);
  const chains = new Map<string, number>();
  for (const task of topologicalOrder(tasks).reverse()) {
    const after = (dependents.get(task.id) ?? []).map((id) => chains.get(id) ?? 0);
    chains.set(task.id, 1 + Math.max(0, ...after));
  }
  return chains;
}

/** Tasks on the longest dependency chain: the fewest rounds a run can take. */
export function criticalPath(tasks: readonly SchedulableTask[]): number {
  return Math.max(0, ...remainingChains(tasks).values());
}

/**
 * The largest number of tasks that can run at once: the size of the largest antichain of
 * the dependency order, found as tasks minus a maximum matching of the transitive closure
 * (Dilworth). Plans have tens of tasks, so the cubic closure is cheap; beyond five
 * hundred tasks the widest level of the plan stands in as a lower bound.
 */
export function planWidth(tasks: readonly SchedulableTask[]): number {
  if (tasks.length > 500) return widestLevel(tasks);
  const order = topologicalOrder(tasks);
  const index = new Map(order.map((task, i) => [task.id, i]));
  const reach = order.map(() => new Set<number>());
  for (let i = order.length - 1; i >= 0; i--) {
    for (const dep of order[i]!.depends_on) {
      const j = index.get(dep);
      if (j === undefined) continue;
      reach[j]!.add(i);
      for (const k of reach[i]!) reach[j]!.add(k);
    }
  }
  return order.length - maximumMatching(reach);
}

function maximumMatching(successors: Set<number>[]): number {
  const matchOf = new Array<number>(successors.length).fill(-1);
  const augment = (u: number, seen: boolean[]): boolean => {
    for (const v of successors[u]!) {
      if (seen[v]) continue;
      seen[v] = true;
      if (matchOf[v] === -1 || augment(matchOf[v]!, seen)) {
        matchOf[v] = u;
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let u = 0; u < successors.length; u++) {
    if (augment(u, new Array<boolean>(successors.length).fill(false))) size++;
  }
  return size;
}

function widestLevel(tasks: readonly SchedulableTask[]): number {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const level = new Map<string, number>();
  for (const task of topologicalOrder(tasks)) {
    const below = knownDeps(task, byId).map((dep) => level.get(dep) ?? 0);
    level.set(task.id, 1 + Math.max(0, ...below));
  }
  const counts = new Map<number, number>();
  for (const l of level.values()) counts.set(l, (counts.get(l) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

function knownDeps(task: SchedulableTask, byId: Map<string, SchedulableTask>): string[] {
  return [...new Set(task.depends_on)].filter((dep) => byId.has(dep));
}
