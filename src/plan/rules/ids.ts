import { taskName } from "../diagnostics.js";
import type { RuleContext } from "./context.js";

/** Two tasks with one id: every dependency on it would be ambiguous. */
export function duplicateIds({ plan, sink }: RuleContext): void {
  const first = new Map<string, number>();
  plan.tasks.forEach((task, index) => {
    const seen = first.get(task.id);
    if (seen === undefined) first.set(task.id, index);
    else {
      sink.error(
        "duplicate-id",
        `${taskName(task.id)} appears twice (tasks[${seen}] and tasks[${index}]); ids must be unique`,
        task.id,
      );
    }
  });
}

export function unknownDependencies({ plan, sink }: RuleContext): void {
  const ids = new Set(plan.tasks.map((task) => task.id));
  for (const task of plan.tasks) {
    task.depends_on.forEach((dependency, index) => {
      if (ids.has(dependency)) return;
      sink.error(
        "unknown-dependency",
        `${taskName(task.id)}: depends_on[${index}] names ${JSON.stringify(dependency)}, which is not a task of the plan`,
        task.id,
      );
    });
  }
}

export function selfDependencies({ plan, sink }: RuleContext): void {
  for (const task of plan.tasks) {
    if (task.depends_on.includes(task.id)) {
      sink.error("self-dependency", `${taskName(task.id)} depends on itself`, task.id);
    }
  }
}
