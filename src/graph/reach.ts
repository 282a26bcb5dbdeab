import { mentionClosure } from "./mentions.js";
import type { SymbolLink, SymbolResolver } from "./symbols.js";
import type { FileNode, Hop } from "./types.js";

/**
 * How far an import chain counts as interaction:
 * - `direct`: only the symbols the source files import themselves (through barrels);
 * - `transitive`: also what those symbols' declarations use, and so on;
 * - `file`: every file reachable through imports, whatever names they carry.
 */
export type ReachLevel = "direct" | "transitive" | "file";
export const REACH_LEVELS: readonly ReachLevel[] = ["direct", "transitive", "file"];

/** A file another task writes, and the exported names it may change (absent: any). */
export interface ReachTarget {
  file: string;
  names?: ReadonlySet<string>;
}

interface Arrival {
  hop: Hop;
  parent: Arrival | undefined;
}

/**
 * Everything some source files reach through imports, at one level, with a chain back to
 * the sources for each file and name reached.
 */
export class Reach {
  private readonly arrivals = new Map<string, Arrival>();
  private readonly byFile = new Map<string, Arrival[]>();
  private readonly expanded = new Set<string>();
  private readonly unboundExpanded = new Set<string>();
  private readonly closures = new Map<string, Set<string>>();
  private readonly queue: { file: string; name: string; arrival: Arrival | undefined }[] = [];

  constructor(
    private readonly files: ReadonlyMap<string, FileNode>,
    private readonly symbols: SymbolResolver,
    readonly level: ReachLevel,
    sources: Iterable<string>,
  ) {
    for (const source of sources) this.enqueue(source, "*", undefined);
    const firstRound = this.queue.length;
    for (let i = 0; i < this.queue.length; i++) {
      if (level === "direct" && i >= firstRound) break;
      const item = this.queue[i]!;
      this.expand(item.file, item.name, item.arrival);
    }
  }

  /** The import chain from a source to `target`, or undefined when there is none. */
  chainTo(target: ReachTarget): Hop[] | undefined {
    const names = target.names;
    for (const arrival of this.byFile.get(target.file) ?? []) {
      if (!names || this.carries(target.file, arrival.hop.name, names)) return unwind(arrival);
    }
    return undefined;
  }

  /** The files reached, sources excluded unless an import leads back to them. */
  reachedFiles(): string[] {
    return [...this.byFile.keys()];
  }

  private expand(file: string, name: string, parent: Arrival | undefined): void {
    if (this.level === "file" || name === "*") return this.expandFile(file, parent);
    for (const local of this.localClosure(file, name)) {
      const binding = this.symbols.bindingOf(file, local);
      if (!binding) continue;
      const [fact, imported] = binding;
      for (const link of this.symbols.linksOfImport(file, fact, imported)) {
        this.follow(link, parent);
      }
    }
    this.expandUnbound(file, parent);
  }

  /**
   * Imports that bind no name (side effects, `import()`, `require()` calls, `import("x").T`
   * types) cannot be traced to the declarations that use them, so a file used for any of
   * its symbols is taken to need all of them.
   */
  private expandUnbound(file: string, parent: Arrival | undefined): void {
    if (this.unboundExpanded.has(file)) return;
    this.unboundExpanded.add(file);
    for (const fact of this.files.get(file)?.imports ?? []) {
      if (!fact.path || fact.kind === "re-export") continue;
      if (fact.names.some((imported) => imported.alias !== undefined)) continue;
      const names = fact.names.length > 0 ? fact.names : [{ name: "*" }];
      for (const imported of names) {
        for (const link of this.symbols.linksOfImport(file, fact, imported)) {
          this.follow(link, parent);
        }
      }
    }
  }

  private expandFile(file: string, parent: Arrival | undefined): void {
    for (const fact of this.files.get(file)?.imports ?? []) {
      if (!fact.path) continue;
      if (this.level === "file") {
        const hop: Hop = { from: file, to: fact.path, line: fact.line, kind: fact.kind, name: "*" };
        this.enqueue(fact.path, "*", this.arrive(hop, parent));
        continue;
      }
      const names = fact.names.length > 0 ? fact.names : [{ name: "*" }];
      for (const imported of names) {
        for (const link of this.symbols.linksOfImport(file, fact, imported)) {
          this.follow(link, parent);
        }
      }
    }
  }

  private follow(link: SymbolLink, parent: Arrival | undefined): void {
    let arrival = parent;
    for (const hop of link.chain) arrival = this.arrive(hop, arrival);
    this.enqueue(link.target.file, link.target.name, arrival);
  }

  private arrive(hop: Hop, parent: Arrival | undefined): Arrival {
    const key = `${hop.to}\0${hop.name}`;
    const existing = this.arrivals.get(key);
    if (existing) return existing;
    const arrival: Arrival = { hop, parent };
    this.arrivals.set(key, arrival);
    const list = this.byFile.get(hop.to);
    if (list) list.push(arrival);
    else this.byFile.set(hop.to, [arrival]);
    return arrival;
  }

  private enqueue(file: string, name: string, arrival: Arrival | undefined): void {
    const key = `${file}\0${name}`;
    if (this.expanded.has(key)) return;
    this.expanded.add(key);
    this.queue.push({ file, name, arrival });
  }

  /**
   * Whether reaching the export `name` of `file` reaches one of `names`: the name itself, or
   * a name its declaration mentions, since a change to that can change what the export is.
   */
  private carries(file: string, name: string, names: ReadonlySet<string>): boolean {
    if (name === "*" || names.has(name)) return true;
    const exports = this.files.get(file)?.exports ?? [];
    const locals = exports.filter((e) => e.name === name && e.local).map((e) => e.local!);
    for (const local of locals.length > 0 ? locals : [name]) {
      for (const mentioned of this.localClosure(file, local)) {
        if (names.has(mentioned)) return true;
        if (exports.some((e) => e.local === mentioned && names.has(e.name))) return true;
      }
    }
    return false;
  }

  /** `name` and every top-level name its declaration mentions, within one file. */
  private localClosure(file: string, name: string): Set<string> {
    const key = `${file}\0${name}`;
    const memoized = this.closures.get(key);
    if (memoized) return memoized;
    const seen = mentionClosure(this.files.get(file)?.references ?? {}, name);
    this.closures.set(key, seen);
    return seen;
  }
}

function unwind(arrival: Arrival): Hop[] {
  const chain: Hop[] = [];
  for (let a: Arrival | undefined = arrival; a; a = a.parent) chain.push(a.hop);
  return chain.reverse();
}
