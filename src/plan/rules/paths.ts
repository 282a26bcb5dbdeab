import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { isInside } from "../../graph/files.js";
import { taskName } from "../diagnostics.js";
import { parseSymbolRef } from "../symbol-ref.js";
import type { Task } from "../types.js";
import type { RuleContext } from "./context.js";

/** Every path field of a task, with the field name used in messages. */
export function taskPaths(task: Task): { field: string; path: string }[] {
  const found: { field: string; path: string }[] = [];
  const add = (name: string, entries: string[] | undefined, symbols: boolean) => {
    entries?.forEach((entry, index) => {
      const path = symbols ? parseSymbolRef(entry)?.path : entry;
      if (path !== undefined) found.push({ field: `${name}[${index}]`, path });
    });
  };
  add("writes", task.writes, false);
  add("reads", task.reads, false);
  add("provides", task.provides, true);
  add("uses", task.uses, true);
  return found;
}

/**
 * A plan comes from a model or a user: each path must name something inside the
 * repository, lexically and after following symlinks.
 */
export function pathsInsideRepo({ plan, sink, repoRoot }: RuleContext): void {
  const links = repoRoot === undefined ? undefined : new SymlinkCheck(repoRoot);
  for (const task of plan.tasks) {
    for (const { field, path } of taskPaths(task)) {
      const where = `${taskName(task.id)}: ${field} ${JSON.stringify(path)}`;
      if (isAbsolute(path)) {
        sink.error("absolute-path", `${where} is absolute; paths are repo-relative`, task.id);
      } else if (path === ".." || path.startsWith("../")) {
        sink.error("path-outside-repo", `${where} leaves the repository`, task.id);
      } else {
        const link = links?.escapingLink(path);
        if (link !== undefined) {
          sink.error(
            "symlink-outside-repo",
            `${where} passes through the symlink ${link}, which points outside the repository`,
            task.id,
          );
        }
      }
    }
  }
}

function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[a-zA-Z]:/.test(path);
}

/** Finds the first symlink on a path that leads out of the repository; memoized per prefix. */
class SymlinkCheck {
  private readonly realRoot: string;
  private readonly memo = new Map<string, string | null>();

  constructor(private readonly root: string) {
    this.realRoot = realpathSync(root);
  }

  escapingLink(path: string): string | undefined {
    const parts = path.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      const found = this.check(prefix);
      if (found === undefined) return undefined;
      if (found !== null) return found;
    }
    return undefined;
  }

  /** The escaping link `prefix` is, null when it is fine, undefined when it does not exist. */
  private check(prefix: string): string | null | undefined {
    if (this.memo.has(prefix)) return this.memo.get(prefix) ?? null;
    const result = this.inspect(prefix);
    if (result !== undefined) this.memo.set(prefix, result);
    return result;
  }

  private inspect(prefix: string): string | null | undefined {
    const full = join(this.root, prefix);
    let isLink: boolean;
    try {
      isLink = lstatSync(full).isSymbolicLink();
    } catch {
      return undefined;
    }
    if (!isLink) return null;
    let target: string;
    try {
      target = realpathSync(full);
    } catch {
      // A dangling link: judge it by where it points.
      target = resolve(dirname(full), readlinkSync(full));
    }
    return isInside(this.realRoot, target) ? null : prefix;
  }
}
