import { isSource, reachesEveryFile } from "../graph/files.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import { taskName } from "../plan/diagnostics.js";
import { parseSymbolRef, type PlanSymbol } from "../plan/symbol-ref.js";
import type { Task } from "../plan/types.js";

/** Why nothing can be proven about a task, and what declaration would settle it. */
export interface Unclear {
  detail: string;
  settle: string;
}

/** What one task touches, as the validator needs it; computed once per task. */
export interface Footprint {
  task: Task;
  index: number;
  /** Files the task writes, directories expanded to the files under them. */
  writes: readonly string[];
  writeSet: ReadonlySet<string>;
  /** Directories the task writes into, as prefixes ending in `/` (`""` for the root). */
  dirs: readonly string[];
  readSet: ReadonlySet<string>;
  uses: readonly PlanSymbol[];
  /** Files of the graph whose imports speak for the task: what it writes, reads or uses. */
  sources: readonly string[];
  /** Per written file, the exported names the task may change; undefined: any of them. */
  changes: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  /** A file the task writes that shapes the whole build. */
  projectWide?: string;
  /** Set when the task's declarations leave the graph blind. */
  unclear?: Unclear;
}

const GLOB = /[*?[\]{}]/;

/** Builds each task's footprint against the graph's files. */
export function footprintsOf(tasks: readonly Task[], graph: RepoGraph): Footprint[] {
  const paths = new PathIndex(graph);
  // A plan that declares reads or uses anywhere is taken at its word where it declares none:
  // a new file that imports nothing is common. One that never does leaves new files unknown.
  const declaresNeeds = tasks.some((t) => t.reads.length > 0 || t.uses.length > 0);
  return tasks.map((task, index) => footprintOf(task, index, { graph, paths, declaresNeeds }));
}

interface Context {
  graph: RepoGraph;
  paths: PathIndex;
  declaresNeeds: boolean;
}

function footprintOf(task: Task, index: number, ctx: Context): Footprint {
  const { graph, paths } = ctx;
  const writes = unique((task.writes ?? []).flatMap((p) => paths.expand(p)));
  const reads = unique(task.reads.flatMap((p) => paths.expand(p)));
  const uses: PlanSymbol[] = [];
  for (const entry of task.uses) {
    const ref = parseSymbolRef(entry);
    if (ref) uses.push(ref);
  }
  const inGraph = (path: string) => graph.files.has(path);
  const sources = unique([...writes, ...reads, ...uses.map((u) => u.path)].filter(inGraph));
  const footprint: Footprint = {
    task,
    index,
    writes,
    writeSet: new Set(writes),
    dirs: (task.writes ?? []).filter((p) => paths.isDirectory(p)).map(dirPrefix),
    readSet: new Set(reads),
    uses,
    sources,
    changes: changesOf(task, writes, graph),
  };
  const projectWide = writes.find(reachesEveryFile);
  if (projectWide !== undefined) footprint.projectWide = projectWide;
  const unclear = unclearOf(task, writes, ctx);
  if (unclear) footprint.unclear = unclear;
  return footprint;
}

/**
 * `provides`, when present, is complete: names outside it keep their signature. A default
 * export is looked up by the name `default`, so a provided local name also covers it.
 */
function changesOf(
  task: Task,
  writes: readonly string[],
  graph: RepoGraph,
): Map<string, Set<string>> | undefined {
  if (task.provides === undefined) return undefined;
  const changes = new Map(writes.map((file) => [file, new Set<string>()]));
  for (const entry of task.provides) {
    const ref = parseSymbolRef(entry);
    if (!ref) return undefined;
    const names = changes.get(ref.path);
    // An entry for a file the task does not write shows the declarations are confused.
    if (!names) return undefined;
    names.add(ref.name);
    for (const exported of graph.file(ref.path)?.exports ?? []) {
      if (exported.local === ref.name) names.add(exported.name);
    }
  }
  return changes;
}

function unclearOf(task: Task, writes: readonly string[], ctx: Context): Unclear | undefined {
  const { graph, paths } = ctx;
  const who = taskName(task.id);
  if (task.writes === undefined) {
    return { detail: `${who} declares no writes`, settle: `declare "writes" for ${who}` };
  }
  const pattern = task.writes.find((p) => GLOB.test(p));
  if (pattern !== undefined) {
    return {
      detail: `${who} writes ${JSON.stringify(pattern)}, a pattern anvil does not expand`,
      settle: `list the files ${who} writes`,
    };
  }
  const declaresNeeds = task.reads.length > 0 || task.uses.length > 0;
  if (writes.length === 0 && !declaresNeeds) {
    return {
      detail: `${who} writes no file and declares no reads or uses`,
      settle: `declare what ${who} "reads" or "uses"`,
    };
  }
  const malformed = task.uses.find((entry) => !parseSymbolRef(entry));
  if (malformed !== undefined) {
    return {
      detail: `${who} uses ${JSON.stringify(malformed)}, which is not path#Name`,
      settle: `write the "uses" entries of ${who} as path#Name`,
    };
  }
  const created =
    writes.find((p) => !graph.files.has(p) && isSource(p)) ??
    task.writes.find((p) => paths.isDirectory(p));
  if (created !== undefined && !ctx.declaresNeeds) {
    return {
      detail: `${created} (written by ${who}) is new or a directory, and the plan declares no reads or uses, so what it will import is unknown`,
      settle: `declare "reads" or "uses" for ${who}: what ${created} will import`,
    };
  }
  return undefined;
}

/** Expands directory entries (`src/feature`, `.`) to the graph's files under them. */
class PathIndex {
  private sorted: string[] | undefined;

  constructor(private readonly graph: RepoGraph) {}

  expand(path: string): string[] {
    if (this.graph.files.has(path) || GLOB.test(path)) return [path];
    const under = this.filesUnder(path);
    return under.length > 0 ? under : [path];
  }

  isDirectory(path: string): boolean {
    return !this.graph.files.has(path) && this.filesUnder(path).length > 0;
  }

  private filesUnder(path: string): string[] {
    const prefix = dirPrefix(path);
    const sorted = (this.sorted ??= [
      ...this.graph.files.keys(),
      ...this.graph.projectFiles,
    ].sort());
    const under: string[] = [];
    for (let i = lowerBound(sorted, prefix); i < sorted.length; i++) {
      if (!sorted[i]!.startsWith(prefix)) break;
      under.push(sorted[i]!);
    }
    return under;
  }
}

function dirPrefix(path: string): string {
  return path === "." ? "" : `${path}/`;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
