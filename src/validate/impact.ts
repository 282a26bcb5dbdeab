import { createDebug } from "../debug.js";
import type { ReachLevel } from "../graph/reach.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import type { Hop } from "../graph/types.js";
import { BitMatrix, Bitset } from "./bitset.js";
import type { Footprint, Unclear } from "./footprint.js";
import { hopsOf, type ItemGraph, itemGraphOf, type ItemLink } from "./item-graph.js";

const debug = createDebug("anvil:validate");

/** An import chain from one of a task's files to a symbol another task may change. */
export interface ImpactChain {
  source: string;
  chain: Hop[];
}

/**
 * Which tasks' changes each task's files reach through imports, for every task at once.
 * Answers what `graph.reach(sources, level).chainTo(...)` answers pair by pair, but walks
 * the shared import graph once: items are condensed into strongly connected components and
 * each component carries the set of tasks whose changes it reaches (a bitset), filled in
 * reverse topological order.
 */
export class Impact {
  private readonly items: ItemGraph;
  private readonly starts: number[][];
  private readonly component: Int32Array;
  /** Per component: the tasks whose changes it reaches. */
  private readonly reached: BitMatrix;
  private readonly unclearIn: (string | undefined)[];
  private readonly perTask = new Map<number, { tasks: Bitset; unclear?: Unclear }>();
  /** Written file → the tasks writing it, with the exported names each may change. */
  private readonly writers = new Map<string, { task: number; names?: ReadonlySet<string> }[]>();
  private readonly follow: boolean;
  private search: Search | undefined;
  /** Files the analyzer could not read: unparsed, or skipped. */
  private readonly unclearFiles: ReadonlySet<string>;

  constructor(
    private readonly graph: RepoGraph,
    level: ReachLevel,
    private readonly footprints: readonly Footprint[],
  ) {
    for (const fp of footprints) {
      for (const file of fp.writes) {
        const list = this.writers.get(file) ?? [];
        list.push({ task: fp.index, names: fp.changes?.get(file) });
        this.writers.set(file, list);
      }
    }
    this.unclearFiles = new Set(graph.unclearFiles().map((node) => node.path));
    this.items = itemGraphOf(graph, level);
    this.starts = footprints.map((fp) => fp.sources.map((file) => this.items.start(file)));
    const started = performance.now();
    this.items.expandFrom(this.starts.flat());
    debug(`walked ${this.items.size} items`, `${(performance.now() - started).toFixed(1)} ms`);
    // At the direct level a start counts only its own imports, even where the target of
    // one is another task's start: each node stands alone and nothing propagates.
    this.follow = level !== "direct";
    const { component, order } = this.follow
      ? this.items.components()
      : {
          component: Int32Array.from(this.items.links.keys()),
          order: [...this.items.links.keys()].map((n) => [n]),
        };
    this.component = component;
    this.reached = new BitMatrix(order.length, footprints.length);
    this.unclearIn = order.map(() => undefined);
    this.propagate(order);
    debug(`${order.length} components`, `${(performance.now() - started).toFixed(1)} ms`);
  }

  /** Whether `reader`'s files reach, through imports, a symbol `writer` may change. */
  reaches(reader: Footprint, writer: Footprint): boolean {
    return this.ofTask(reader).tasks.has(writer.index);
  }

  /** Every task whose changes `reader`'s files reach. */
  reachedTasks(reader: Footprint): Bitset {
    return this.ofTask(reader).tasks;
  }

  /** A file the analyzer could not read among `task`'s files or what their imports reach. */
  unclear(task: Footprint): Unclear | undefined {
    return this.ofTask(task).unclear;
  }

  /**
   * An import chain behind `reaches(reader, writer)`, hop by hop. Depth-first, entering
   * only items whose component reaches the writer's changes, so it heads straight for them
   * instead of searching the whole graph; detours on the way are then cut short.
   */
  chain(reader: Footprint, writer: Footprint): ImpactChain | undefined {
    const search = (this.search ??= new Search(this.items.size));
    search.begin();
    for (const start of this.starts[reader.index]!) {
      if (!search.visit(start)) continue;
      const path = [start];
      const cursors = [0];
      while (path.length > 0) {
        const node = path[path.length - 1]!;
        const links = this.items.links[node]!;
        if (cursors[cursors.length - 1] === 0) {
          for (const link of links) {
            const at = this.touchAt(link, writer);
            if (at !== -1) return this.shortcut(path, hopsOf(link).slice(0, at + 1));
          }
        }
        cursors[cursors.length - 1] = 1;
        const next = this.deepest(links, writer, search);
        if (next === undefined) {
          path.pop();
          cursors.pop();
        } else {
          search.visit(next);
          path.push(next);
          cursors.push(0);
        }
      }
    }
    return undefined;
  }

  /**
   * Of the unvisited targets that still lead to `writer`'s changes, the one deepest in the
   * graph (components are numbered sinks first): in layered code that keeps chains short.
   */
  private deepest(
    links: readonly ItemLink[],
    writer: Footprint,
    search: Search,
  ): number | undefined {
    let best: number | undefined;
    for (const link of links) {
      if (!this.leadsTo(link, writer) || search.seen(link.target)) continue;
      if (best === undefined || this.component[link.target]! < this.component[best]!) {
        best = link.target;
      }
    }
    return best;
  }

  /** The chain along `path` (items), taking any link that skips ahead, then `last`. */
  private shortcut(path: readonly number[], last: Hop[]): ImpactChain {
    const at = new Map(path.map((node, i) => [node, i]));
    const chain: Hop[] = [];
    for (let i = 0; i < path.length - 1;) {
      let best: ItemLink | undefined;
      let bestAt = i;
      for (const link of this.items.links[path[i]!]!) {
        const j = at.get(link.target);
        if (j !== undefined && j > bestAt) [best, bestAt] = [link, j];
      }
      chain.push(...hopsOf(best!));
      i = bestAt;
    }
    chain.push(...last);
    return { source: this.items.files[path[0]!]!, chain };
  }

  /** Whether following `link` can still reach a symbol `writer` may change. */
  private leadsTo(link: ItemLink, writer: Footprint): boolean {
    return this.follow && this.reached.has(this.component[link.target]!, writer.index);
  }

  /** The index of the first hop of `link` that lands on a symbol `writer` may change, or -1. */
  private touchAt(link: ItemLink, writer: Footprint): number {
    const offset = link.hop ? 1 : 0;
    if (link.hop && this.changes(writer, link.hop.to, link.hop.name)) return 0;
    for (let i = 0; i < link.rest.length; i++) {
      const hop = link.rest[i]!;
      if (this.changes(writer, hop.to, hop.name)) return i + offset;
    }
    return -1;
  }

  private ofTask(task: Footprint): { tasks: Bitset; unclear?: Unclear } {
    let found = this.perTask.get(task.index);
    if (found) return found;
    found = { tasks: new Bitset(this.footprints.length) };
    for (const start of this.starts[task.index]!) {
      const component = this.component[start]!;
      this.reached.copyInto(component, found.tasks);
      const file = this.unclearFile(this.items.files[start]!) ?? this.unclearIn[component];
      if (file !== undefined && !found.unclear) {
        found.unclear = this.describeUnclear(file, this.items.files[start]!);
      }
    }
    this.perTask.set(task.index, found);
    return found;
  }

  /** Components come sinks first, so each one's successors are complete before it. */
  private propagate(order: readonly number[][]): void {
    const touches = new Map<string, number[]>();
    order.forEach((nodes, component) => {
      for (const node of nodes) {
        for (const link of this.items.links[node]!) {
          const next = this.component[link.target]!;
          if (this.follow && next !== component) {
            this.reached.addRow(component, next);
            this.unclearIn[component] ??= this.unclearIn[next];
          }
          if (link.hop) this.touch(component, link.hop, touches);
          for (const hop of link.rest) this.touch(component, hop, touches);
        }
      }
    });
  }

  private touch(component: number, hop: Hop, memo: Map<string, number[]>): void {
    if (this.writers.has(hop.to)) {
      for (const task of this.tasksChanging(hop.to, hop.name, memo)) {
        this.reached.add(component, task);
      }
    }
    if (this.unclearFiles.has(hop.to)) this.unclearIn[component] ??= hop.to;
  }

  private tasksChanging(file: string, name: string, memo: Map<string, number[]>): number[] {
    const key = `${file}\0${name}`;
    let tasks = memo.get(key);
    if (!tasks) {
      tasks = (this.writers.get(file) ?? [])
        .filter((w) => !w.names || this.carries(file, name, w.names))
        .map((w) => w.task);
      memo.set(key, tasks);
    }
    return tasks;
  }

  private changes(writer: Footprint, file: string, name: string): boolean {
    if (!writer.writeSet.has(file)) return false;
    const names = writer.changes?.get(file);
    return !names || this.carries(file, name, names);
  }

  /**
   * Whether reaching the export `name` of `file` reaches one of `names`: the name itself,
   * or a name its declaration mentions (as `Reach.chainTo` decides it).
   */
  private carries(file: string, name: string, names: ReadonlySet<string>): boolean {
    if (name === "*" || names.has(name)) return true;
    const exports = this.graph.file(file)?.exports ?? [];
    const locals = exports.filter((e) => e.name === name && e.local).map((e) => e.local!);
    for (const local of locals.length > 0 ? locals : [name]) {
      for (const mentioned of this.items.localClosure(file, local)) {
        if (names.has(mentioned)) return true;
        if (exports.some((e) => e.local === mentioned && names.has(e.name))) return true;
      }
    }
    return false;
  }

  private unclearFile(file: string): string | undefined {
    return this.unclearFiles.has(file) ? file : undefined;
  }

  private describeUnclear(file: string, source: string): Unclear {
    const node = this.graph.file(file)!;
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
}

/** Which items a search has entered, reset in constant time (generation stamps). */
class Search {
  private generation = 0;
  private readonly stamps: Int32Array;

  constructor(size: number) {
    this.stamps = new Int32Array(size);
  }

  begin(): void {
    this.generation++;
  }

  seen(node: number): boolean {
    return this.stamps[node] === this.generation;
  }

  /** Marks `node` entered; false when it was entered already. */
  visit(node: number): boolean {
    if (this.stamps[node] === this.generation) return false;
    this.stamps[node] = this.generation;
    return true;
  }
}
