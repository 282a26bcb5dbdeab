import type { Plan, Task } from "../../src/plan/types.js";
import type { Case, Model } from "./random-case.js";

const ANY = "*";

/**
 * Brute force over the semantic model: which pairs of tasks can interact. A task relies on
 * every symbol its files use, and on what those use in turn, and on every barrel an import
 * on the way passes through; another task interacts with it when it changes one of those.
 * Tasks without `writes` interact with everything (nothing can be proven about them).
 */
export function interactionOracle(c: Case): (a: number, b: number) => boolean {
  const tasks = c.plan.tasks;
  const reached = tasks.map((task) => reachedBy(c.model, task));
  return (a, b) => interacts(tasks[a]!, tasks[b]!, reached[a]!, reached[b]!);
}

function interacts(a: Task, b: Task, reachedA: Set<string>, reachedB: Set<string>): boolean {
  if (!a.writes || !b.writes) return true;
  if (a.writes.some((p) => b.writes!.includes(p))) return true;
  if ([...a.writes, ...b.writes].includes("package.json")) return true;
  if (a.reads.some((p) => b.writes!.includes(p)) || b.reads.some((p) => a.writes!.includes(p))) {
    return true;
  }
  return changes(a, reachedB) || changes(b, reachedA);
}

/** Whether `writer` changes something in `reached` (`file\0name` items). */
function changes(writer: Task, reached: Set<string>): boolean {
  for (const item of reached) {
    const [file, name] = item.split("\0") as [string, string];
    if (!writer.writes!.includes(file)) continue;
    if (!writer.provides || name === ANY || writer.provides.includes(`${file}#${name}`))
      return true;
  }
  return false;
}

function reachedBy(model: Model, task: Task): Set<string> {
  const reached = new Set<string>();
  const visited = new Set<string>();
  const files = new Set<string>();
  const addItem = (file: string, name: string) => reached.add(`${file}\0${name}`);

  const visit = (name: string) => {
    if (visited.has(name)) return;
    visited.add(name);
    const symbol = model.symbols.get(name)!;
    for (const used of symbol.uses) {
      if (model.symbols.get(used)!.file === symbol.file) {
        addItem(symbol.file, used);
        visit(used);
      } else importUse(symbol.file, used);
    }
  };
  const importUse = (from: string, name: string) => {
    for (const barrel of model.routes.get(`${from}\0${name}`) ?? []) addItem(barrel, name);
    addItem(model.symbols.get(name)!.file, name);
    visit(name);
  };
  const wholeFile = (path: string) => {
    if (files.has(path)) return;
    files.add(path);
    const barrel = model.barrels.find((b) => b.path === path);
    if (barrel) {
      for (const target of barrel.star) {
        addItem(target, ANY);
        wholeFile(target);
      }
      for (const name of barrel.named) importUse(path, name);
      return;
    }
    for (const symbol of model.symbols.values()) {
      if (symbol.file !== path) continue;
      for (const used of symbol.uses) {
        if (model.symbols.get(used)!.file !== path) importUse(path, used);
      }
    }
  };

  const known = new Set([...model.files, ...model.barrels.map((b) => b.path)]);
  for (const path of [...(task.writes ?? []), ...task.reads]) if (known.has(path)) wholeFile(path);
  for (const entry of task.uses) {
    const [file, name] = entry.split("#") as [string, string];
    addItem(file, name);
    visit(name);
  }
  return reached;
}

/** `before[b]` holds every task ordered before `b` (transitive closure of `depends_on`). */
export function orderOf(plan: Plan): Set<number>[] {
  const index = new Map(plan.tasks.map((t, i) => [t.id, i]));
  const memo: (Set<number> | undefined)[] = [];
  const before = (task: number): Set<number> => {
    const known = memo[task];
    if (known) return known;
    const set = new Set<number>();
    memo[task] = set;
    for (const dep of plan.tasks[task]!.depends_on) {
      const d = index.get(dep)!;
      set.add(d);
      for (const x of before(d)) set.add(x);
    }
    return set;
  };
  return plan.tasks.map((_, i) => before(i));
}
