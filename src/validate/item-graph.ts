import type { ReachLevel } from "../graph/reach.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import type { Hop, ImportedName, ResolvedImport } from "../graph/types.js";

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
  private readonly ids = new Map<string, number>();
  private readonly expanded: boolean[] = [];
  private readonly closures = new Map<string, Set<string>>();

  constructor(
    private readonly graph: RepoGraph,
    readonly level: ReachLevel,
  ) {}

  get size(): number {
    return this.files.length;
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
    const key = `${file}\0${name}`;
    let seen = this.closures.get(key);
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
    this.closures.set(key, seen);
    return seen;
  }

  private node(file: string, name: string): number {
    const key = `${file}\0${name}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.files.length;
      this.ids.set(key, id);
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
      if (binding) links.push(...this.importLinks(file, binding[0], binding[1]));
    }
    links.push({ rest: [], target: this.node(file, UNBOUND) });
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
      for (const imported of namesOf(fact)) links.push(...this.importLinks(file, fact, imported));
    }
    return links;
  }

  /** Imports that bind no local name: a file used for any symbol needs all of them. */
  private unboundLinks(file: string): ItemLink[] {
    const links: ItemLink[] = [];
    for (const fact of this.graph.file(file)?.imports ?? []) {
      if (!fact.path || fact.kind === "re-export") continue;
      if (fact.names.some((imported) => imported.alias !== undefined)) continue;
      for (const imported of namesOf(fact)) links.push(...this.importLinks(file, fact, imported));
    }
    return links;
  }

  private importLinks(file: string, fact: ResolvedImport, imported: ImportedName): ItemLink[] {
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
    for (const fact of this.graph.file(file)?.imports ?? []) {
      for (const imported of fact.names) if (imported.alias === local) return [fact, imported];
    }
    return undefined;
  }
}

function namesOf(fact: ResolvedImport): ImportedName[] {
  return fact.names.length > 0 ? fact.names : [{ name: "*" }];
}
