import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { taskName } from "../diagnostics.js";
import type { Plan, Task } from "../types.js";

/**
 * A model sometimes "modifies" a file that is not there: a wrong directory, a guessed name.
 * A written path that does not exist is accepted as a new file when it sits at most one new
 * directory deep and no file of that name exists elsewhere, or when the task's own text says
 * it creates it; otherwise it is a problem to send back, with the likely intended file.
 */
export function unknownWrites(plan: Plan, root: string, repoFiles: readonly string[]): string[] {
  const byName = new Map<string, string[]>();
  for (const file of repoFiles) {
    const name = basename(file);
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  const problems: string[] = [];
  for (const task of plan.tasks) {
    for (const path of task.writes ?? []) {
      if (existsSync(join(root, path)) || saysItCreates(task, path)) continue;
      const similar = (byName.get(basename(path)) ?? []).filter((file) => file !== path);
      const deep = newDirectories(root, path) > 1;
      if (similar.length === 0 && !deep) continue;
      const hint = similar.length > 0 ? ` (did you mean ${quoteList(similar)}?)` : "";
      problems.push(
        `${taskName(task.id)}: writes ${JSON.stringify(path)}, which does not exist${hint}; ` +
          "name an existing file, or say in the task's prompt that it creates this file",
      );
    }
  }
  return problems;
}

/** "Create src/a.ts", "a new file a.ts", "new module a": the text names the file as new. */
function saysItCreates(task: Task, path: string): boolean {
  const text = `${task.title}\n${task.prompt ?? ""}`;
  const stem = escape(basename(path).replace(/\.[^.]+$/, ""));
  return new RegExp(`\\b(creat\\w*|new)\\b[^.\\n]{0,80}${stem}`, "i").test(text);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How many directories on the path would have to be made for the file to exist. */
function newDirectories(root: string, path: string): number {
  let count = 0;
  for (let dir = dirname(path); dir !== "." && dir !== "/"; dir = dirname(dir)) {
    if (existsSync(join(root, dir))) break;
    count++;
  }
  return count;
}

function quoteList(paths: string[]): string {
  const shown = paths.slice(0, 3).map((p) => JSON.stringify(p));
  return shown.join(" or ") + (paths.length > 3 ? ", ..." : "");
}
