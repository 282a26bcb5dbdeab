import type { Plan } from "../types.js";
import type { RuleContext } from "./context.js";

/** Tasks that depend on each other in a circle can never start; prints one such circle. */
export function cycles({ plan, sink }: RuleContext): void {
  const cycle = findCycle(plan);
  if (!cycle) return;
  const ids = cycle.map((id) => JSON.stringify(id));
  // A long cycle is shown by its ends, so the message stays one readable line.
  const shown =
    ids.length <= 12
      ? ids.join(" → ")
      : `${ids.slice(0, 5).join(" → ")} → … ${ids.length - 10} more … → ${ids.slice(-5).join(" → ")}`;
  sink.error(
    "cycle",
    `tasks depend on each other in a cycle: ${shown} (→ reads "depends on")`,
    cycle[0],
  );
}

/**
 * One cycle of `depends_on` edges, as ids with the first repeated at the end, or undefined.
 * Iterative depth-first search: plans may be long chains, deeper than the call stack.
 * Self-dependencies and unknown ids are other rules' findings, so they are skipped here.
 */
export function findCycle(plan: Plan): string[] | undefined {
  const byId = new Map(plan.tasks.map((task) => [task.id, task]));
  const state = new Map<string, "open" | "done">();
  for (const root of plan.tasks) {
    if (state.has(root.id)) continue;
    const path: string[] = [root.id];
    const cursors: number[] = [0];
    state.set(root.id, "open");
    while (path.length > 0) {
      const id = path[path.length - 1]!;
      const deps = byId.get(id)!.depends_on;
      const at = cursors[cursors.length - 1]!;
      if (at >= deps.length) {
        state.set(id, "done");
        path.pop();
        cursors.pop();
        continue;
      }
      cursors[cursors.length - 1] = at + 1;
      const next = deps[at]!;
      if (next === id || !byId.has(next)) continue;
      const seen = state.get(next);
      if (seen === "open") return [...path.slice(path.indexOf(next)), next];
      if (seen === "done") continue;
      state.set(next, "open");
      path.push(next);
      cursors.push(0);
    }
  }
  return undefined;
}
