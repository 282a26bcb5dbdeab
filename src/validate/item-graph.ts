import type { ReachLevel } from "../graph/reach.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import type { Hop, ImportedName, ResolvedImport } from "../graph/types.js";
import { stronglyConnected } from "./scc.js";

/**
 * One followed symbol link and the item it leads to. Its hops (file and line each) are
 * `hop` (the import itself; none for the pseudo-link to a file's unbound imports) and then
 * `rest` (re-exports on the way, shared with the analyzer's memo: no copy per link).
 */
export interface ItemLink {
  hop?: Hop;
  rest: readonly Hop[];
  target: number;
}

/** Every hop of a link, in order. */
export function hopsOf(link: ItemLink): Hop[] {
  return link.hop ? [link.hop, ...link.rest] : [...link.rest];
}

/** Imports that bind no name hang off this pseudo-name of their file (see `Reach`). */
const UNBOUND = "#unbound";

const shared = new WeakMap<RepoGraph, Map<ReachLevel, ItemGraph>>();

/**
 * The item graph of `graph` at `level`, kept with the graph like its reach memo: a second
 * validation on the same graph (a revised plan, the fixed-point check) walks only what the
 * first did not.
 */
export function itemGraphOf(graph: RepoGraph, level: ReachLevel): ItemGraph {
  let byLevel = shared.get(graph);
  if (!byLevel) shared.set(graph, (byLevel = new Map()));
  let items = byLevel.get(level);
  if (!items) byLevel.set(level, (items = new ItemGraph(graph, level)));
  return items;
}

/**
 * The walk `Reach` makes through imports, as one graph shared by every task: a node is a
 * (file, name) item — `*` for a whole file — and its links are the symbol links `Reach`
 * follows from it. Built once for all the tasks' files, so that overlapping walks cost
 * once. Nodes are numbered in creation order; `links[n]` is empty until `n` is expanded.
 */
export class ItemGraph {
  readonly files: string[] = [];
  readonly names: string[] = [];
  readonly links: ItemLink[][] = [];
  /** File → name → node; nested, so that no key string is built per lookup. */
  private readonly ids = new Map<string, Map<string, number>>();
  private readonly expanded: boolean[] = [];
  private readonly closures = new Map<string, Map<string, Set<string>>>();
  /** The links of one imported name are the same whichever item of the file follows them. */
  private readonly importCache = new Map<ImportedName, ItemLink[]>();
  private readonly bindings = new Map<string, Map<string, [ResolvedImport, ImportedName]>>();
  private readonly unbound = new Map<string, boolean>();
  private scc: { component: Int32Array; order: number[][] } | undefined;
  private sccAt = -1;

  constructor(
    private readonly graph: RepoGraph,
    readonly level: ReachLevel,
  ) {}

  get size(): number {
    return this.files.length;
  }

  /** Strongly connected components, computed again only after new items were walked. */
  components(): { component: Int32Array; order: number[][] } {
    if (this.sccAt !== this.size) {
      this.scc = stronglyConnected(this.links);
      this.sccAt = this.size;
    }
    return this.scc!;
  }

  /** The node of a whole source file; expand with `expandFrom`. */
  start(file: string): number {
    return this.node(file, "*");
  }

  /**
   * Expands `starts` and, except at the `direct` level, everything they lead to. At
   * `direct`, only the starts' own imports count: their targets stay unexpanded.
   */
  expandFrom(starts: readonly number[]): void {
    const queue = [...starts];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i]!;
      if (this.expanded[node]) continue;
      this.expanded[node] = true;
      const links = this.linksOf(this.files[node]!, this.names[node]!);
      this.links[node] = links;
      if (this.level === "direct") continue;
      for (const link of links) if (!this.expanded[link.target]) queue.push(link.target);
    }
  }

  /** `name` and every top-level name its declaration mentions, within `file`. */
  localClosure(file: string, name: string): Set<string> {
    let byName = this.closures.get(file);
    if (!byName) this.closures.set(file, (byName = new Map()));
    let seen = byName.get(name);
    if (seen) return seen;
    const references = this.graph.file(file)?.references ?? {};
    seen = new Set([name]);
    const stack = [name];
    while (stack.length > 0) {
      for (const next of references[stack.pop()!] ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    byName.set(name, seen);
    return seen;
  }

  private node(file: string, name: string): number {
    let byName = this.ids.get(file);
    if (!byName) this.ids.set(file, (byName = new Map()));
    let id = byName.get(name);
    if (id === undefined) {
      id = this.files.length;
      byName.set(name, id);
      this.files.push(file);
      this.names.push(name);
      this.links.push([]);
      this.expanded.push(false);
    }
    return id;
  }

  private linksOf(file: string, name: string): ItemLink[] {
    if (name === UNBOUND) return this.unboundLinks(file);
    if (this.level === "file") return this.fileLinks(file);
    if (name === "*") return this.wholeFileLinks(file);
    const links: ItemLink[] = [];
    for (const local of this.localClosure(file, name)) {
      const binding = this.bindingOf(file, local);
      if (binding) for (const link of this.importLinks(file, ...binding)) links.push(link);
    }
    if (this.hasUnbound(file)) links.push({ rest: [], target: this.node(file, UNBOUND) });
    return links;
  }

  private fileLinks(file: string): ItemLink[] {
    const links: ItemLink[] = [];
    for (const fact of this.graph.file(file)?.imports ?? []) {
      if (!fact.path) continue;
      const hop: Hop = { from: file, to: fact.path, line: fact.line, kind: fact.kind, name: "*" };
      links.push({ hop, rest: [], target: this.node(fact.path, "*") });
    }
    return links;
  }

  private wholeFileLinks(file: string): ItemLink[] {
    const links: ItemLink[] = [];
    for (const fact of this.graph.file(file)?.imports ?? []) {
      if (!fact.path) continue;
      for (const imported of namesOf(fact)) {
        for (const link of this.importLinks(file, fact, imported)) links.push(link);
      }
    }
    return links;
  }

  private hasUnbound(file: string): boolean {
    let found = this.unbound.get(file);
    if (found === undefined) {
      found = (this.graph.file(file)?.imports ?? []).some(
        (fact) =>
          fact.path !== undefined &&
          fact.kind !== "re-export" &&
          !fact.names.some((imported) => imported.alias !== undefined),
      );
      this.unbound.set(file, found);
    }
    return found;
  }

  /** Imports that bind no local name: a file used for any symbol needs all of them. */
  private unboundLinks(file: string): ItemLink[] {
    const links: ItemLink[] = [];
    for (const fact of this.graph.file(file)?.imports ?? []) {
      if (!fact.path || fact.kind === "re-export") continue;
      if (fact.names.some((imported) => imported.alias !== undefined)) continue;
      for (const imported of namesOf(fact)) {
        for (const link of this.importLinks(file, fact, imported)) links.push(link);
      }
    }
    return links;
  }

  private importLinks(file: string, fact: ResolvedImport, imported: ImportedName): ItemLink[] {
    if (!fact.path) return [];
    let links = this.importCache.get(imported);
    if (!links) this.importCache.set(imported, (links = this.resolveImport(file, fact, imported)));
    return links;
  }

  private resolveImport(file: string, fact: ResolvedImport, imported: ImportedName): ItemLink[] {
    if (!fact.path) return [];
    const hop: Hop = {
      from: file,
      to: fact.path,
      line: fact.line,
      kind: fact.kind,
      name: imported.name,
    };
    return this.graph.resolveExport(fact.path, imported.name).map((link) => ({
      hop,
      rest: link.chain,
      target: this.node(link.target.file, link.target.name),
    }));
  }

  private bindingOf(file: string, local: string): [ResolvedImport, ImportedName] | undefined {
    let bindings = this.bindings.get(file);
    if (!bindings) {
      bindings = new Map();
      for (const fact of this.graph.file(file)?.imports ?? []) {
        for (const imported of fact.names) {
          // The first import binding a name wins, as in the analyzer's resolver.
          if (imported.alias !== undefined && !bindings.has(imported.alias)) {
            bindings.set(imported.alias, [fact, imported]);
          }
        }
      }
      this.bindings.set(file, bindings);
    }
    return bindings.get(local);
  }
}

/** An import without names (side effect, `require`, `import()`) brings the whole module. */
const wholeModule = new WeakMap<ResolvedImport, ImportedName[]>();

function namesOf(fact: ResolvedImport): ImportedName[] {
  if (fact.names.length > 0) return fact.names;
  let names = wholeModule.get(fact);
  if (!names) wholeModule.set(fact, (names = [{ name: "*" }]));
  return names;
}
