import type { Reach, ReachLevel } from "../graph/reach.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import type { Hop } from "../graph/types.js";
import type { Footprint, Unclear } from "./footprint.js";

/** What links two tasks, strongest first; `none` is proof that they cannot interact. */
export type EvidenceKind =
  "same-file" | "declared" | "import" | "project-wide" | "unknown" | "none";

/** The raw fact behind a verdict; `describeFinding` turns it into words. */
export type Finding =
  | { kind: "same-file"; file: string }
  | { kind: "declared"; reader: Footprint; writer: Footprint; file: string; symbol?: string }
  | { kind: "import"; reader: Footprint; writer: Footprint; source: string; chain: Hop[] }
  | { kind: "project-wide"; task: Footprint; file: string }
  | { kind: "unknown"; task: Footprint; unclear: Unclear };

interface SourceInfo {
  reach: Reach;
  /** A file the import chains from this source pass through that the analyzer could not read. */
  unclear?: Unclear;
}

/**
 * Decides, pair by pair, whether two tasks can interact. Reach is computed once per source
 * file and level and shared by every task that writes, reads or uses that file.
 */
export class Judge {
  private readonly sources = new Map<string, SourceInfo>();
  private readonly unclear = new Map<number, Unclear | null>();

  constructor(
    private readonly graph: RepoGraph,
    readonly level: ReachLevel,
  ) {}

  /** The strongest link between `a` and `b` (either order), or undefined when there is none. */
  find(a: Footprint, b: Footprint): Finding | undefined {
    return (
      sameFile(a, b) ??
      declared(b, a) ??
      declared(a, b) ??
      this.imports(b, a) ??
      this.imports(a, b) ??
      projectWide(a, b) ??
      this.unknown(a) ??
      this.unknown(b)
    );
  }

  /** Why nothing can be proven about a task, if that is so. */
  unclearOf(task: Footprint): Unclear | undefined {
    let found = this.unclear.get(task.index);
    if (found === undefined) {
      found = task.unclear ?? null;
      for (const source of task.sources) found ??= this.source(source).unclear ?? null;
      this.unclear.set(task.index, found);
    }
    return found ?? undefined;
  }

  /** `reader`'s files reach, through imports, a symbol `writer` may change. */
  private imports(reader: Footprint, writer: Footprint): Finding | undefined {
    if (writer.writes.length === 0) return undefined;
    for (const source of reader.sources) {
      const reach = this.source(source).reach;
      for (const file of writer.writes) {
        const chain = reach.chainTo({ file, names: writer.changes?.get(file) });
        if (chain) return { kind: "import", reader, writer, source, chain };
      }
    }
    return undefined;
  }

  private unknown(task: Footprint): Finding | undefined {
    const unclear = this.unclearOf(task);
    return unclear ? { kind: "unknown", task, unclear } : undefined;
  }

  private source(file: string): SourceInfo {
    let info = this.sources.get(file);
    if (!info) {
      const reach = this.graph.reach([file], this.level);
      info = { reach };
      const unclear = this.unreadable([file, ...reach.reachedFiles()], file);
      if (unclear) info.unclear = unclear;
      this.sources.set(file, info);
    }
    return info;
  }

  private unreadable(files: string[], source: string): Unclear | undefined {
    for (const file of files) {
      const node = this.graph.file(file);
      if (!node || node.status === "parsed") continue;
      const via = file === source ? "" : ` (reached from ${source})`;
      const what = node.status === "unparsed" ? "could not be parsed" : "was not analyzed";
      return {
        detail: `${file}${via} ${what}: ${node.problem ?? "no details"}`,
        settle:
          node.status === "unparsed"
            ? `fix the syntax of ${file} so its imports can be read`
            : `nothing a plan can declare: ${file} is too large to analyze`,
      };
    }
    return undefined;
  }
}

function sameFile(a: Footprint, b: Footprint): Finding | undefined {
  const [small, large] = a.writes.length <= b.writes.length ? [a, b] : [b, a];
  for (const file of small.writes) if (large.writeSet.has(file)) return { kind: "same-file", file };
  return insideDirectory(a, b) ?? insideDirectory(b, a);
}

/** `b` writes a file under a directory `a` writes into. */
function insideDirectory(a: Footprint, b: Footprint): Finding | undefined {
  for (const dir of a.dirs) {
    const file = b.writes.find((path) => path.startsWith(dir));
    if (file !== undefined) return { kind: "same-file", file };
  }
  return undefined;
}

/** `reader` reads a file `writer` writes, or uses a symbol `writer` may change. */
function declared(reader: Footprint, writer: Footprint): Finding | undefined {
  if (writer.writes.length === 0) return undefined;
  for (const file of reader.readSet) {
    if (writer.writeSet.has(file)) return { kind: "declared", reader, writer, file };
  }
  for (const used of reader.uses) {
    if (!writer.writeSet.has(used.path)) continue;
    const changed = writer.changes?.get(used.path);
    if (!changed || changed.has(used.name)) {
      return { kind: "declared", reader, writer, file: used.path, symbol: used.name };
    }
  }
  return undefined;
}

function projectWide(a: Footprint, b: Footprint): Finding | undefined {
  if (a.projectWide !== undefined) return { kind: "project-wide", task: a, file: a.projectWide };
  if (b.projectWide !== undefined) return { kind: "project-wide", task: b, file: b.projectWide };
  return undefined;
}
