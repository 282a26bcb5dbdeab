import type { RepoGraph } from "../../graph/repo-graph.js";
import type { ResolvedImport } from "../../graph/types.js";
import type { Style } from "../../cli/io.js";

/** The human view of `anvil graph`: each file's imports and exports, then what was unclear. */
export function graphToText(graph: RepoGraph, style: Style): string {
  const lines: string[] = [];
  const nodes = [...graph.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  let imports = 0;
  for (const node of nodes) {
    lines.push(
      style.bold(node.path) + (node.status === "parsed" ? "" : style.red(` (${node.status})`)),
    );
    for (const fact of node.imports) {
      imports++;
      lines.push(
        `  ${style.dim(`${fact.line}`.padStart(4))} ${fact.kind.padEnd(11)} ${target(fact)}${names(fact)}`,
      );
    }
    const exported = node.exports.map((e) => e.name);
    if (node.starExports.length > 0)
      exported.push(`* from ${node.starExports.map((s) => s.path ?? s.specifier).join(", ")}`);
    if (exported.length > 0) lines.push(`  ${style.dim("exports")} ${exported.join(", ")}`);
  }
  lines.push("");
  const unclear = graph.unclearFiles();
  lines.push(`${nodes.length} files, ${imports} imports, ${unclear.length} not analyzed`);
  for (const node of unclear)
    lines.push(style.yellow(`  ${node.status}: ${node.path}: ${node.problem}`));
  for (const notice of graph.problems.notices) lines.push(style.yellow(`  note: ${notice}`));
  for (const link of graph.problems.skippedLinks) {
    lines.push(style.yellow(`  symlink not followed (${link.reason}): ${link.path}`));
  }
  return lines.join("\n") + "\n";
}

function target(fact: ResolvedImport): string {
  if (fact.path) return fact.path;
  if (fact.external) return `${fact.external} (package)`;
  return `${fact.specifier} (${fact.unresolved ?? "unresolved"})`;
}

function names(fact: ResolvedImport): string {
  if (fact.names.length === 0) return "";
  return ` {${fact.names.map((n) => (n.typeOnly ? `type ${n.name}` : n.name)).join(", ")}}`;
}
