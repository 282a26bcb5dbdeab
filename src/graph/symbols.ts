import type { FileNode, Hop, ImportedName, ResolvedImport, SymbolRef } from "./types.js";

/** The parser's local name for what `module.exports = ...` assigns. */
const COMMONJS_WHOLE = "__cjs_default";

/** A symbol reached through an import: where it is declared, and every hop on the way. */
export interface SymbolLink {
  target: SymbolRef;
  chain: Hop[];
}

/**
 * Resolves exported names to the files that declare them, following re-export chains
 * (`export *`, `export { a as b } from`, `export * as ns`, imports re-exported by name).
 * Results are memoized per (file, name); a cycle of re-exports resolves to nothing.
 */
export class SymbolResolver {
  private readonly memo = new Map<string, SymbolLink[]>();
  private readonly inProgress = new Set<string>();
  /** Results cut short by a cycle, reused only until the outermost lookup returns. */
  private readonly partial = new Map<string, SymbolLink[]>();
  /** How many lookups returned early because a cycle of re-exports led back to them. */
  private cycleCuts = 0;

  constructor(private readonly files: ReadonlyMap<string, FileNode>) {}

  /**
   * Where `name`, as exported by `file`, is declared. The target's `name` is the local
   * name in the declaring file (what its `references` are keyed by), or `*` for the whole
   * module. The chain starts at `file`; it is empty when `file` declares the name itself.
   */
  resolveExport(file: string, name: string): SymbolLink[] {
    const links = this.findExport(file, name);
    const node = this.files.get(file);
    // A name the parser cannot see (a broken import, or an export built at run time) is
    // taken to live in the file itself, unless a star re-export leaves the repository.
    if (links.length > 0 || !node?.starExports.every((s) => s.path)) return links;
    // A module that assigns one whole value (`export =`, `module.exports =`) exports its
    // properties too, under whatever names the object literal gives them.
    const whole = node.exports.find((e) => e.name === "export=" || e.local === COMMONJS_WHOLE);
    if (whole?.local !== undefined) return this.resolveLocal(file, whole.local);
    return [{ target: { file, name }, chain: [] }];
  }

  /** The symbols one imported name reaches, the first hop being the import itself. */
  linksOfImport(from: string, fact: ResolvedImport, imported: ImportedName): SymbolLink[] {
    if (!fact.path) return [];
    const hop: Hop = { from, to: fact.path, line: fact.line, kind: fact.kind, name: imported.name };
    return this.resolveExport(fact.path, imported.name).map((link) => prepend(hop, link));
  }

  /** The import of `file` that binds the local name `local`, if any. */
  bindingOf(file: string, local: string): [ResolvedImport, ImportedName] | undefined {
    const node = this.files.get(file);
    for (const fact of node?.imports ?? []) {
      for (const imported of fact.names) if (imported.alias === local) return [fact, imported];
    }
    return undefined;
  }

  /**
   * The declarations behind `name` that `file` visibly exports, memoized. Empty when the
   * file does not export the name, so that an `export *` passes on only what its target
   * really has; a file the parser could not read fully may export anything.
   */
  private findExport(file: string, name: string): SymbolLink[] {
    const key = `${file}\0${name}`;
    const memoized = this.memo.get(key) ?? this.partial.get(key);
    if (memoized) return memoized;
    if (this.inProgress.has(key)) {
      this.cycleCuts++;
      return [];
    }
    const cutsBefore = this.cycleCuts;
    this.inProgress.add(key);
    const links = fewRoutes(this.computeExport(file, name));
    this.inProgress.delete(key);
    // Inside a cycle of re-exports, a result that met a cut misses what the cut file
    // exports, which that file adds itself: good enough within the outermost lookup, whose
    // own result is complete, but not for later ones.
    if (this.cycleCuts === cutsBefore || this.inProgress.size === 0) this.memo.set(key, links);
    else this.partial.set(key, links);
    if (this.inProgress.size === 0) this.partial.clear();
    return links;
  }

  private computeExport(file: string, name: string): SymbolLink[] {
    const node = this.files.get(file);
    if (!node || name === "*") return [{ target: { file, name: "*" }, chain: [] }];
    const links: SymbolLink[] = [];
    for (const exported of node.exports) {
      if (exported.name !== name) continue;
      if (exported.from) {
        const from = exported.from;
        const fact = node.imports.find(
          (i) =>
            i.kind === "re-export" && i.specifier === from.specifier && i.line === exported.line,
        );
        if (fact) links.push(...this.linksOfImport(file, fact, { name: from.name }));
      } else if (exported.local !== undefined) {
        links.push(...this.resolveLocal(file, exported.local));
      }
    }
    if (links.length > 0) return links;
    // `export *` never passes on a default export.
    for (const star of name === "default" ? [] : node.starExports) {
      if (!star.path) continue;
      const hop: Hop = { from: file, to: star.path, line: star.line, kind: "re-export", name };
      for (const link of this.findExport(star.path, name)) links.push(prepend(hop, link));
    }
    if (links.length === 0 && node.status !== "parsed") {
      return [{ target: { file, name }, chain: [] }];
    }
    return links;
  }

  /** A local name that is exported: declared here, or an import passed on. */
  private resolveLocal(file: string, local: string): SymbolLink[] {
    const binding = this.bindingOf(file, local);
    if (!binding) return [{ target: { file, name: local }, chain: [] }];
    const [fact, imported] = binding;
    return this.linksOfImport(file, fact, imported);
  }
}

/**
 * At most this many routes to one declaration are kept: diamonds of barrels rarely have
 * more, and dense cycles of `export *` would otherwise have factorially many.
 */
const MAX_ROUTES = 4;

/** The links, keeping only the shortest routes to a declaration reached too many ways. */
function fewRoutes(links: SymbolLink[]): SymbolLink[] {
  if (links.length <= MAX_ROUTES) return links;
  const keyOf = (link: SymbolLink) => `${link.target.file}\0${link.target.name}`;
  const routes = new Map<string, number>();
  for (const link of links) routes.set(keyOf(link), (routes.get(keyOf(link)) ?? 0) + 1);
  if ([...routes.values()].every((count) => count <= MAX_ROUTES)) return links;
  routes.clear();
  return [...links]
    .sort((a, b) => a.chain.length - b.chain.length)
    .filter((link) => {
      const count = (routes.get(keyOf(link)) ?? 0) + 1;
      routes.set(keyOf(link), count);
      return count <= MAX_ROUTES;
    });
}

function prepend(hop: Hop, link: SymbolLink): SymbolLink {
  return { target: link.target, chain: [hop, ...link.chain] };
}
