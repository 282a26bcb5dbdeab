import { existsSync } from "node:fs";
import { join } from "node:path";
import { taskName } from "../diagnostics.js";
import { parseSymbolRef } from "../symbol-ref.js";
import type { RuleContext } from "./context.js";

/** Without `writes` nothing about a task can be proven, so all its edges stay. */
export function noWrites({ plan, sink }: RuleContext): void {
  for (const task of plan.tasks) {
    if (task.writes !== undefined) continue;
    sink.warning(
      "no-writes",
      `${taskName(task.id)} declares no "writes": its dependencies cannot be checked; list the files it changes`,
      task.id,
    );
  }
}

/** `provides` and `uses` entries must be `path#Name` naming a file that is or will be there. */
export function symbolRefs({ plan, sink, repoRoot }: RuleContext): void {
  const written = new Set(plan.tasks.flatMap((task) => task.writes ?? []));
  const exists = (path: string) =>
    written.has(path) || repoRoot === undefined || existsSync(join(repoRoot, path));
  for (const task of plan.tasks) {
    const own = new Set(task.writes ?? []);
    for (const field of ["provides", "uses"] as const) {
      task[field]?.forEach((entry, index) => {
        const where = `${taskName(task.id)}: ${field}[${index}] ${JSON.stringify(entry)}`;
        const ref = parseSymbolRef(entry);
        if (!ref) {
          const meaning =
            field === "provides" ? "so any export may change" : "so what it relies on is unknown";
          sink.warning("malformed-symbol", `${where} is not path#Name, ${meaning}`, task.id);
        } else if (!exists(ref.path)) {
          sink.warning(
            "unknown-symbol-path",
            `${where} names ${ref.path}, which neither exists nor is written by any task`,
            task.id,
          );
        } else if (field === "provides" && task.writes !== undefined && !own.has(ref.path)) {
          sink.warning(
            "provides-unwritten",
            `${where} names ${ref.path}, which the task does not write, so any export of its files may change`,
            task.id,
          );
        }
      });
    }
  }
}
