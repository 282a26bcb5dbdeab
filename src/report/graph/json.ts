import type { RepoGraph } from "../../graph/repo-graph.js";
import type { ExportFact, FileNode, Hop, ResolvedImport } from "../../graph/types.js";

/** The `anvil graph --format json` document. Paths are repo-relative with forward slashes. */
export interface GraphJson {
  files: FileJson[];
  projectFiles: string[];
  notices: string[];
  skippedLinks: { path: string; reason: string }[];
}

interface FileJson {
  path: string;
  status: FileNode["status"];
  problem?: string;
  imports: ImportJson[];
  exports: ExportJson[];
}

interface ImportJson {
  path?: string;
  external?: string;
  unresolved?: string;
  specifier: string;
  line: number;
  kind: ResolvedImport["kind"];
  names: string[];
}

interface ExportJson {
  name: string;
  kind: ExportFact["kind"];
  line: number;
  /** Where the symbol is declared, when it is passed through from another file. */
  declaredIn?: { path: string; name: string }[];
}

export function graphToJson(graph: RepoGraph): GraphJson {
  const files = [...graph.files.values()]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((node) => fileJson(graph, node));
  return {
    files,
    projectFiles: [...graph.projectFiles],
    notices: graph.problems.notices,
    skippedLinks: graph.problems.skippedLinks,
  };
}

function fileJson(graph: RepoGraph, node: FileNode): FileJson {
  const json: FileJson = {
    path: node.path,
    status: node.status,
    imports: node.imports.map(importJson),
    exports: node.exports.map((exported) => exportJson(graph, node, exported)),
  };
  if (node.problem) json.problem = node.problem;
  for (const star of node.starExports) {
    json.exports.push({ name: "*", kind: "value", line: star.line, ...starTarget(star.path) });
  }
  return json;
}

function importJson(fact: ResolvedImport): ImportJson {
  const where =
    fact.path !== undefined
      ? { path: fact.path }
      : fact.external !== undefined
        ? { external: fact.external }
        : { unresolved: fact.unresolved ?? "missing" };
  const names = fact.names.map((n) => n.name);
  return { ...where, specifier: fact.specifier, line: fact.line, kind: fact.kind, names };
}

function exportJson(graph: RepoGraph, node: FileNode, exported: ExportFact): ExportJson {
  const json: ExportJson = { name: exported.name, kind: exported.kind, line: exported.line };
  const links = graph.resolveExport(node.path, exported.name);
  const elsewhere = links.filter((l) => l.target.file !== node.path);
  if (elsewhere.length > 0) {
    json.declaredIn = elsewhere.map((l) => ({ path: l.target.file, name: l.target.name }));
  }
  return json;
}

function starTarget(path: string | undefined): Pick<ExportJson, "declaredIn"> {
  return path ? { declaredIn: [{ path, name: "*" }] } : {};
}

/** One hop as a person reads it: `src/a.ts:3 imports User from src/b.ts`. */
export function describeHop(hop: Hop): string {
  const what = hop.name === "*" ? "the module" : hop.name;
  const verb =
    hop.kind === "re-export"
      ? "re-exports"
      : hop.kind === "type"
        ? "imports the type of"
        : hop.kind === "dynamic"
          ? "dynamically imports"
          : hop.kind === "require"
            ? "requires"
            : hop.kind === "side-effect"
              ? "imports for side effects"
              : "imports";
  return `${hop.from}:${hop.line} ${verb} ${what} from ${hop.to}`;
}
