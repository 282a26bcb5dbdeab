import type { RepoGraph } from "../../graph/repo-graph.js";
import type { ResolvedImport } from "../../graph/types.js";

/** Graphviz DOT: one node per file, one edge per importing pair; type-only edges dashed. */
export function graphToDot(graph: RepoGraph): string {
  const lines = ["digraph anvil {", "  rankdir=LR;", '  node [shape=box, fontname="monospace"];'];
  for (const node of graph.files.values()) {
    const style = node.status === "parsed" ? "" : ", color=red";
    lines.push(`  ${quote(node.path)} [label=${quote(node.path)}${style}];`);
  }
  for (const [from, to, typeOnly] of edges(graph)) {
    lines.push(`  ${quote(from)} -> ${quote(to)}${typeOnly ? " [style=dashed]" : ""};`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** A Mermaid flowchart of the same graph, for Markdown that renders it (GitHub does). */
export function graphToMermaid(graph: RepoGraph): string {
  const ids = new Map<string, string>();
  const id = (path: string) => {
    let found = ids.get(path);
    if (!found) ids.set(path, (found = `f${ids.size}`));
    return found;
  };
  const lines = ["flowchart LR"];
  for (const node of graph.files.values())
    lines.push(`  ${id(node.path)}["${escapeMermaid(node.path)}"]`);
  for (const [from, to, typeOnly] of edges(graph)) {
    lines.push(`  ${id(from)} ${typeOnly ? "-.->" : "-->"} ${id(to)}`);
  }
  return lines.join("\n") + "\n";
}

function edges(graph: RepoGraph): [string, string, boolean][] {
  const result: [string, string, boolean][] = [];
  graph.graph.forEachEdge((_edge, attributes, from, to) => {
    result.push([from, to, attributes.imports.every(isTypeOnly)]);
  });
  return result;
}

function isTypeOnly(fact: ResolvedImport): boolean {
  return fact.kind === "type" || (fact.names.length > 0 && fact.names.every((n) => n.typeOnly));
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function escapeMermaid(text: string): string {
  return text.replace(/"/g, "#quot;");
}
