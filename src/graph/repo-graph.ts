import { DirectedGraph } from "graphology";
import { Reach, type ReachLevel } from "./reach.js";
import { SymbolResolver, type SymbolLink } from "./symbols.js";
import type { FileNode, ResolvedImport } from "./types.js";

/** What the analysis could not see clearly, for the user and for the validator. */
export interface GraphProblems {
  /** Config files read with errors, "no tsconfig" notices, and the like. */
  notices: string[];
  /** Symlinks not followed. */
  skippedLinks: { path: string; reason: "loop" | "outside-repo" }[];
}

/** Attributes of a file → file edge: every import statement behind it. */
export interface ImportEdge {
  imports: ResolvedImport[];
}

/**
 * The repository's import graph at file and symbol level, and the reachability queries the
 * validator asks of it. Built by `analyzeRepo`; immutable afterwards.
 */
export class RepoGraph {
  private readonly symbols: SymbolResolver;
  private fileGraph: DirectedGraph<{ node: FileNode }, ImportEdge> | undefined;
  private readonly reaches = new Map<string, Reach>();

  constructor(
    readonly root: string,
    readonly files: ReadonlyMap<string, FileNode>,
    readonly projectFiles: readonly string[],
    readonly problems: GraphProblems,
    /** Paths of the files not read cleanly, when known without visiting every file. */
    private readonly unclear?: readonly string[],
  ) {
    this.symbols = new SymbolResolver(files);
  }

  /**
   * File-level import graph: one node per file, one edge per (importer, imported) pair.
   * Built on first use: the reachability queries work on `files` directly.
   */
  get graph(): DirectedGraph<{ node: FileNode }, ImportEdge> {
    this.fileGraph ??= buildFileGraph(this.files);
    return this.fileGraph;
  }

  file(path: string): FileNode | undefined {
    return this.files.get(path);
  }

  /** Where `name`, as exported by `file`, is declared, and through which re-exports. */
  resolveExport(file: string, name: string): SymbolLink[] {
    return this.symbols.resolveExport(file, name);
  }

  /** Every symbol link of a file's imports: each imported name to its declaring file. */
  symbolLinks(file: string): SymbolLink[] {
    const node = this.files.get(file);
    if (!node) return [];
    return node.imports.flatMap((fact) => {
      const names = fact.names.length > 0 ? fact.names : [{ name: "*" }];
      return names.flatMap((imported) => this.symbols.linksOfImport(file, fact, imported));
    });
  }

  /** What `sources` reach through imports at `level`; memoized per source set and level. */
  reach(sources: readonly string[], level: ReachLevel): Reach {
    const key = `${level}\0${[...sources].sort().join("\0")}`;
    let reach = this.reaches.get(key);
    if (!reach) {
      reach = new Reach(this.files, this.symbols, level, sources);
      this.reaches.set(key, reach);
    }
    return reach;
  }

  /** Files the analyzer could not read as code: syntax errors, or skipped for size. */
  unclearFiles(): FileNode[] {
    if (this.unclear) return this.unclear.map((path) => this.files.get(path)!);
    return [...this.files.values()].filter((f) => f.status !== "parsed");
  }
}

function buildFileGraph(
  files: ReadonlyMap<string, FileNode>,
): DirectedGraph<{ node: FileNode }, ImportEdge> {
  const graph = new DirectedGraph<{ node: FileNode }, ImportEdge>();
  for (const node of files.values()) graph.addNode(node.path, { node });
  for (const node of files.values()) {
    for (const fact of node.imports) {
      if (!fact.path || !graph.hasNode(fact.path)) continue;
      const edge = graph.edge(node.path, fact.path);
      if (edge) graph.getEdgeAttribute(edge, "imports").push(fact);
      else graph.addEdge(node.path, fact.path, { imports: [fact] });
    }
  }
  return graph;
}
