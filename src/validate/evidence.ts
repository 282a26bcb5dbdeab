import type { ReachLevel } from "../graph/reach.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import type { Footprint, Unclear } from "./footprint.js";
import { Bitset } from "./bitset.js";
import { Impact, type ImpactChain } from "./impact.js";

/** What links two tasks, strongest first; `none` is proof that they cannot interact. */
export type EvidenceKind =
  "same-file" | "declared" | "import" | "project-wide" | "unknown" | "none";

/** The raw fact behind a verdict; `describeFinding` turns it into words. */
export type Finding =
  | { kind: "same-file"; file: string }
  | { kind: "declared"; reader: Footprint; writer: Footprint; file: string; symbol?: string }
  | { kind: "import"; reader: Footprint; writer: Footprint; path?: ImpactChain }
  | { kind: "project-wide"; task: Footprint; file: string }
  | { kind: "unknown"; task: Footprint; unclear: Unclear };

/**
 * Decides, pair by pair, whether two tasks can interact. Everything is computed once for
 * all tasks up front — common files and declarations as sets of partners, imports by
 * `Impact` — so judging a pair costs a few bit lookups.
 */
export class Judge {
  private readonly impact: Impact;
  /** Per task: the tasks it writes a common file with. */
  private readonly sharing: Bitset[];
  /** Per task: the tasks whose written files it reads, or whose changed symbols it uses. */
  private readonly relying: Bitset[];
  private readonly unclear: (Unclear | undefined)[];

  constructor(graph: RepoGraph, level: ReachLevel, footprints: readonly Footprint[]) {
    this.impact = new Impact(graph, level, footprints);
    const writers = new Map<string, number[]>();
    for (const fp of footprints) {
      for (const file of fp.writes) writers.set(file, [...(writers.get(file) ?? []), fp.index]);
    }
    const withDirs = footprints.filter((fp) => fp.dirs.length > 0).map((fp) => fp.index);
    const partners = (fp: Footprint, linked: (a: Footprint, b: Footprint) => unknown) => {
      const set = new Bitset(footprints.length);
      for (const index of candidates(fp, writers, footprints, withDirs)) {
        if (index !== fp.index && linked(fp, footprints[index]!)) set.add(index);
      }
      return set;
    };
    this.sharing = footprints.map((fp) => partners(fp, sameFile));
    this.relying = footprints.map((fp) => partners(fp, declared));
    this.unclear = footprints.map((fp) => fp.unclear ?? this.impact.unclear(fp));
  }

  /**
   * For each task, every task it can interact with (what `kind` finds a link for), as one
   * symmetric relation: the pair loop then reads bits instead of judging every pair.
   */
  interactions(footprints: readonly Footprint[]): Bitset[] {
    const size = footprints.length;
    const linked = footprints.map((fp) => {
      const set = this.sharing[fp.index]!.clone();
      set.addAll(this.relying[fp.index]!);
      set.addAll(this.impact.reachedTasks(fp));
      return set;
    });
    const everyone = new Bitset(size);
    footprints.forEach((fp) => {
      if (fp.projectWide !== undefined || this.unclear[fp.index]) everyone.add(fp.index);
    });
    // Make the relation symmetric: a reads b, or reaches b, links b to a as well.
    linked.forEach((set, i) => set.forEach((j) => linked[j]!.add(i)));
    linked.forEach((set, i) => {
      if (everyone.has(i)) set.fill();
      else set.addAll(everyone);
    });
    return linked;
  }

  /** The kind of the strongest link, without the words: the hot path, run on every pair. */
  kind(a: Footprint, b: Footprint): EvidenceKind | undefined {
    if (this.sharing[a.index]!.has(b.index)) return "same-file";
    if (this.relying[b.index]!.has(a.index) || this.relying[a.index]!.has(b.index)) {
      return "declared";
    }
    if (this.impact.reaches(b, a) || this.impact.reaches(a, b)) return "import";
    if (a.projectWide !== undefined || b.projectWide !== undefined) return "project-wide";
    if (this.unclear[a.index] || this.unclear[b.index]) return "unknown";
    return undefined;
  }

  /** The strongest link between `a` and `b` with what a person reads: files, chain, fix. */
  explain(a: Footprint, b: Footprint): Finding | undefined {
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

  private imports(reader: Footprint, writer: Footprint): Finding | undefined {
    if (!this.impact.reaches(reader, writer)) return undefined;
    const path = this.impact.chain(reader, writer);
    return path ? { kind: "import", reader, writer, path } : { kind: "import", reader, writer };
  }

  private unknown(task: Footprint): Finding | undefined {
    const unclear = this.unclear[task.index];
    return unclear ? { kind: "unknown", task, unclear } : undefined;
  }
}

/**
 * The only tasks that can write a common file with `fp` or be relied on by it: writers of
 * what it writes, reads or uses, and any task involved with a written directory.
 */
function candidates(
  fp: Footprint,
  writers: ReadonlyMap<string, number[]>,
  footprints: readonly Footprint[],
  withDirs: readonly number[],
): Set<number> {
  const found = new Set<number>(withDirs);
  const add = (file: string) => writers.get(file)?.forEach((i) => found.add(i));
  fp.writes.forEach(add);
  fp.readSet.forEach(add);
  fp.uses.forEach((used) => add(used.path));
  if (fp.dirs.length > 0) footprints.forEach((other) => found.add(other.index));
  return found;
}

function sameFile(a: Footprint, b: Footprint): Finding | undefined {
  for (const file of a.writes) if (b.writeSet.has(file)) return { kind: "same-file", file };
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
