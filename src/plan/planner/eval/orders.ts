import type { Plan, Task } from "../../types.js";
import type { EvalCase } from "./suite.js";

/** How a plan's orders compare with the truth of its case. */
export interface OrderCheck {
  /** Pairs the plan orders although nothing links them: time lost. */
  falseOrders: number;
  /** Pairs that truly interact but may run at once: a broken run. */
  missingOrders: number;
}

/**
 * Counts, over every pair of tasks, orders the plan has without need and orders it lacks.
 * Two tasks truly interact when they write a common file or write two files the case lists
 * as interacting; a task without `writes` is assumed to interact with everything.
 */
export function checkOrders(plan: Plan, truth: EvalCase): OrderCheck {
  const ordered = orderedPairs(plan);
  const matchers = truth.interacts.map(([a, b]) => [globToRegExp(a), globToRegExp(b)] as const);
  const result: OrderCheck = { falseOrders: 0, missingOrders: 0 };
  const tasks = plan.tasks;
  for (let i = 0; i < tasks.length; i++) {
    for (let j = i + 1; j < tasks.length; j++) {
      const interacts = interact(tasks[i]!, tasks[j]!, matchers);
      const isOrdered = ordered.has(pairKey(tasks[i]!.id, tasks[j]!.id));
      if (isOrdered && !interacts) result.falseOrders++;
      if (!isOrdered && interacts) result.missingOrders++;
    }
  }
  return result;
}

type Matcher = readonly [RegExp, RegExp];

function interact(a: Task, b: Task, matchers: readonly Matcher[]): boolean {
  if (a.writes === undefined || b.writes === undefined) return true;
  const bWrites = new Set(b.writes);
  if (a.writes.some((file) => bWrites.has(file))) return true;
  return a.writes.some((fa) =>
    b.writes!.some((fb) =>
      matchers.some(([x, y]) => (x.test(fa) && y.test(fb)) || (x.test(fb) && y.test(fa))),
    ),
  );
}

/** Every unordered pair of tasks joined by a path of dependencies, as `pairKey`s. */
function orderedPairs(plan: Plan): Set<string> {
  const deps = new Map(plan.tasks.map((task) => [task.id, task.depends_on]));
  const pairs = new Set<string>();
  for (const task of plan.tasks) {
    const seen = new Set<string>();
    const stack = [...task.depends_on];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      pairs.add(pairKey(task.id, id));
      stack.push(...(deps.get(id) ?? []));
    }
  }
  return pairs;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\0${b}` : `${b}\0${a}`;
}

function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === "*" && glob[i + 1] === "*") {
      source += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (char === "*") source += "[^/]*";
    else source += char.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
