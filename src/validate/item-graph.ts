import type { ReachLevel } from "../graph/reach.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import type { FileNode, Hop, ImportedName, ResolvedImport } from "../graph/types.js";
import { mentionClosure } from "../graph/mentions.js";
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
  private readonly expanded: boolean[] = [];
  /** What the walk keeps per file: one lookup per item instead of one per question. */
  private readonly facts = new Map<string, FileFacts>();
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
    return this.node(this.factsOf(file), "*");
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
      const links = this.linksOf(this.factsOf(this.files[node]!), this.names[node]!);
      this.links[node] = links;
      if (this.level === "direct") continue;
      for (const link of links) if (!this.expanded[link.target]) queue.push(link.target);
    }
  }

  /** `name` and every top-level name its declaration mentions, within `file`. */
  localClosure(file: string, name: string): Set<string> {
    const facts = this.factsOf(file);
    let seen = facts.closures.get(name);
    if (seen) return seen;
    seen = mentionClosure(facts.node?.references ?? {}, name);
    facts.closures.set(name, seen);
    return seen;
  }

  private factsOf(file: string): FileFacts {
    let facts = this.facts.get(file);
    if (!facts) {
      facts = {
        file,
        node: this.graph.file(file),
        ids: new Map(),
        closures: new Map(),
        bindings: undefined,
        hasUnbound: undefined,
      };
      this.facts.set(file, facts);
    }
    return facts;
  }

  private node(facts: FileFacts, name: string): number {
    let id = facts.ids.get(name);
    if (id === undefined) {
      id = this.files.length;
      facts.ids.set(name, id);
      this.files.push(facts.file);
      this.names.push(name);
      this.links.push([]);
      this.expanded.push(false);
    }
    return id;
  }

  private linksOf(facts: FileFacts, name: string): ItemLink[] {
    if (name === UNBOUND) return this.unboundLinks(facts);
    if (this.level === "file") return this.fileLinks(facts);
    if (name === "*") return this.wholeFileLinks(facts);
    const links: ItemLink[] = [];
    const bindings = this.bindingsOf(facts);
    for (const local of this.localClosure(facts.file, name)) {
      const binding = bindings.get(local);
      if (binding) for (const link of this.bindingLinks(facts, binding)) links.push(link);
    }
    if (this.hasUnbound(facts)) links.push({ rest: [], target: this.node(facts, UNBOUND) });
    return links;
  }

  private fileLinks(facts: FileFacts): ItemLink[] {
    const links: ItemLink[] = [];
    for (const fact of facts.node?.imports ?? []) {
      if (!fact.path) continue;
      const from = facts.file;
      const hop: Hop = { from, to: fact.path, line: fact.line, kind: fact.kind, name: "*" };
      links.push({ hop, rest: [], target: this.node(this.factsOf(fact.path), "*") });
    }
    return links;
  }

  private wholeFileLinks(facts: FileFacts): ItemLink[] {
    const links: ItemLink[] = [];
    for (const fact of facts.node?.imports ?? []) {
      if (!fact.path) continue;
      for (const imported of namesOf(fact)) {
        for (const link of this.resolveImport(facts, fact, imported)) links.push(link);
      }
    }
    return links;
  }

  private hasUnbound(facts: FileFacts): boolean {
    facts.hasUnbound ??= (facts.node?.imports ?? []).some(
      (fact) =>
        fact.path !== undefined &&
        fact.kind !== "re-export" &&
        !fact.names.some((imported) => imported.alias !== undefined),
    );
    return facts.hasUnbound;
  }

  /** Imports that bind no local name: a file used for any symbol needs all of them. */
  private unboundLinks(facts: FileFacts): ItemLink[] {
    const links: ItemLink[] = [];
    for (const fact of facts.node?.imports ?? []) {
      if (!fact.path || fact.kind === "re-export") continue;
      if (fact.names.some((imported) => imported.alias !== undefined)) continue;
      for (const imported of namesOf(fact)) {
        for (const link of this.resolveImport(facts, fact, imported)) links.push(link);
      }
    }
    return links;
  }

  /** The links of an import binding, resolved once per file and local name. */
  private bindingLinks(facts: FileFacts, binding: Binding): ItemLink[] {
    binding.links ??= this.resolveImport(facts, binding.fact, binding.imported);
    return binding.links;
  }

  private resolveImport(
    facts: FileFacts,
    fact: ResolvedImport,
    imported: ImportedName,
  ): ItemLink[] {
    if (!fact.path) return [];
    const hop: Hop = {
      from: facts.file,
      to: fact.path,
      line: fact.line,
      kind: fact.kind,
      name: imported.name,
    };
    return this.graph.resolveExport(fact.path, imported.name).map((link) => ({
      hop,
      rest: link.chain,
      target: this.node(this.factsOf(link.target.file), link.target.name),
    }));
  }

  /** Local name → the import that binds it (the first one, as in the analyzer's resolver). */
  private bindingsOf(facts: FileFacts): Map<string, Binding> {
    if (facts.bindings) return facts.bindings;
    const bindings = new Map<string, Binding>();
    for (const fact of facts.node?.imports ?? []) {
      for (const imported of fact.names) {
        if (imported.alias !== undefined && !bindings.has(imported.alias)) {
          bindings.set(imported.alias, { fact, imported });
        }
      }
    }
    facts.bindings = bindings;
    return bindings;
  }
}

interface Binding {
  fact: ResolvedImport;
  imported: ImportedName;
  links?: ItemLink[];
}

interface FileFacts {
  file: string;
  node: FileNode | undefined;
  /** Name → item. */
  ids: Map<string, number>;
  closures: Map<string, Set<string>>;
  bindings: Map<string, Binding> | undefined;
  hasUnbound: boolean | undefined;
}

/** An import without names (side effect, `require`, `import()`) brings the whole module. */
const wholeModule = new WeakMap<ResolvedImport, ImportedName[]>();

function namesOf(fact: ResolvedImport): ImportedName[] {
  if (fact.names.length > 0) return fact.names;
  let names = wholeModule.get(fact);
  if (!names) wholeModule.set(fact, (names = [{ name: "*" }]));
  return names;
}
