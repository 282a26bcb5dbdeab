/** How a file refers to another module. */
export type ImportKind = "static" | "type" | "re-export" | "dynamic" | "require" | "side-effect";

/** Whether an exported symbol exists at run time or only for the type checker. */
export type SymbolKind = "value" | "type";

/**
 * One name an import brings in. `name` is the name in the imported module (`default` for a
 * default import, `*` for the whole module); `alias` is the local binding, when there is one.
 */
export interface ImportedName {
  name: string;
  alias?: string;
  typeOnly?: boolean;
}

/** What the parser saw of one import, before resolution. */
export interface ImportFact {
  specifier: string;
  line: number;
  kind: ImportKind;
  names: ImportedName[];
}

/**
 * One exported name. A symbol declared here has `local` (its name inside the file); one
 * passed through from another module has `from` (the specifier and the name there, `*` for
 * `export * as ns`).
 */
export interface ExportFact {
  name: string;
  kind: SymbolKind;
  line: number;
  local?: string;
  from?: { specifier: string; name: string };
}

/** Everything the analyzer keeps of one file's syntax; the unit the cache stores. */
export interface FileFacts {
  imports: ImportFact[];
  exports: ExportFact[];
  starExports: { specifier: string; line: number }[];
  /** Top-level name → the other top-level names and import bindings its declaration mentions. */
  references: Record<string, string[]>;
  /** Syntax errors, when the file does not parse cleanly. */
  parseErrors: { line: number; message: string }[];
}

/** An import after module resolution. Exactly one of `path`, `external` or `unresolved`. */
export interface ResolvedImport extends ImportFact {
  /** Repo-relative path of the imported file, when it is part of the analyzed repository. */
  path?: string;
  /** The package name, for a module outside the repository's own sources. */
  external?: string;
  /** Why the specifier led nowhere the analyzer follows (missing, or outside the repository). */
  unresolved?: "missing" | "outside-repo";
}

export type FileStatus = "parsed" | "unparsed" | "skipped";

export interface FileNode {
  /** Repo-relative, forward slashes. */
  path: string;
  status: FileStatus;
  /** For `unparsed` and `skipped` files: what went wrong, with a line when there is one. */
  problem?: string;
  imports: ResolvedImport[];
  exports: ExportFact[];
  starExports: { specifier: string; line: number; path?: string }[];
  references: Record<string, string[]>;
}

/** One step of an import chain: `from` mentions `to` at `line` (in `from`). */
export interface Hop {
  from: string;
  to: string;
  line: number;
  kind: ImportKind;
  /** The name looked up in `to` (`*` for the whole module). */
  name: string;
}

/** A symbol as the file that declares it knows it. `name` is `*` for the whole module. */
export interface SymbolRef {
  file: string;
  name: string;
}
