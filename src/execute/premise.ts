import { CompilerSettings } from "../graph/compiler-settings.js";
import { isSource } from "../graph/files.js";
import { parseFile } from "../graph/parse.js";
import type { ReachLevel } from "../graph/reach.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import { Resolver } from "../graph/resolve.js";
import type { ImportFact } from "../graph/types.js";
import { findWorkspaces } from "../graph/workspaces.js";
import type { Plan, Task } from "../plan/types.js";
import type { PremiseBreak } from "./state.js";

/** One file a task changed: its text before (undefined: new) and after (undefined: deleted). */
export interface ChangedText {
  path: string;
  before: string | undefined;
  after: string | undefined;
}

/**
 * Checks the premise every pruned edge stands on: that a task adds no import reaching a file
 * written by a task it ran beside. The validator could only see the imports of the base; a
 * task's result may add new ones, and those are parsed and resolved here against the graph.
 */
export class PremiseCheck {
  private readonly writers = new Map<string, string[]>();
  private readonly resolver: Resolver;
  private readonly ancestors: Map<string, Set<string>>;

  constructor(
    private readonly graph: RepoGraph,
    plan: Plan,
    private readonly level: ReachLevel = "transitive",
  ) {
    for (const task of plan.tasks) {
      for (const file of task.writes ?? []) {
        const list = this.writers.get(file) ?? [];
        list.push(task.id);
        this.writers.set(file, list);
      }
    }
    const known = new Set([...graph.files.keys(), ...this.writers.keys()]);
    const settings = new CompilerSettings(graph.root);
    this.resolver = new Resolver(graph.root, known, settings, findWorkspaces(graph.root));
    this.ancestors = ancestorsOf(plan.tasks);
  }

  /** Tasks neither before nor after `task` in the plan: the ones it may run beside. */
  unordered(task: string, all: readonly string[]): string[] {
    const before = this.ancestors.get(task) ?? new Set();
    return all.filter(
      (other) => other !== task && !before.has(other) && !this.ancestors.get(other)?.has(task),
    );
  }

  /**
   * The new imports in `changed` that reach a file written by one of `beside` (tasks whose
   * results the task's base did not hold), one entry per (task, file) found.
   */
  check(task: Task, changed: readonly ChangedText[], beside: ReadonlySet<string>): PremiseBreak[] {
    const breaks = new Map<string, PremiseBreak>();
    for (const file of changed) {
      if (file.after === undefined || !isSource(file.path)) continue;
      for (const fact of newImports(file)) {
        const target = this.resolver.resolve(file.path, fact.specifier).path;
        if (target === undefined) continue;
        for (const written of this.reachedFiles(target, fact)) {
          for (const writer of this.writers.get(written) ?? []) {
            if (writer === task.id || !beside.has(writer)) continue;
            const key = `${writer}\0${file.path}`;
            if (breaks.has(key)) continue;
            breaks.set(key, {
              task: task.id,
              after: writer,
              file: file.path,
              line: fact.line,
              target,
              written,
            });
          }
        }
      }
    }
    return [...breaks.values()];
  }

  /** The imported file, the files its imported names pass through and are declared in, and
   * what those reach in the graph at the run's level. */
  private reachedFiles(target: string, fact: ImportFact): Set<string> {
    const files = new Set([target]);
    if (!this.graph.files.has(target)) return files;
    const names = fact.names.map((n) => n.name).filter((n) => n !== "*");
    const declaring = names.length === 0 || names.length < fact.names.length ? [target] : [];
    for (const name of names) {
      const links = this.graph.resolveExport(target, name);
      if (links.length === 0) declaring.push(target);
      for (const link of links) {
        for (const hop of link.chain) files.add(hop.to);
        declaring.push(link.target.file);
      }
    }
    for (const file of declaring) files.add(file);
    const level = this.level === "file" ? "file" : "transitive";
    for (const file of this.graph.reach(declaring, level).reachedFiles()) files.add(file);
    return files;
  }
}

/** Imports in the new text that the old text did not have, or that now bring in more names. */
function newImports(file: ChangedText): ImportFact[] {
  const before = file.before === undefined ? [] : parseFile(file.path, file.before).imports;
  const known = new Set(before.flatMap((f) => f.names.map((n) => `${f.specifier}\0${n.name}`)));
  const knownSpecifiers = new Set(before.map((f) => f.specifier));
  return parseFile(file.path, file.after!).imports.filter(
    (fact) =>
      !knownSpecifiers.has(fact.specifier) ||
      fact.names.some((n) => !known.has(`${fact.specifier}\0${n.name}`)),
  );
}

function ancestorsOf(tasks: readonly Task[]): Map<string, Set<string>> {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const memo = new Map<string, Set<string>>();
  const visit = (id: string, path: Set<string>): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const result = new Set<string>();
    path.add(id);
    for (const dep of byId.get(id)?.depends_on ?? []) {
      if (path.has(dep) || !byId.has(dep)) continue;
      result.add(dep);
      for (const a of visit(dep, path)) result.add(a);
    }
    path.delete(id);
    memo.set(id, result);
    return result;
  };
  for (const task of tasks) visit(task.id, new Set());
  return memo;
}
