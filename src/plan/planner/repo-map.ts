import type { RepoGraph } from "../../graph/repo-graph.js";
import type { FileNode } from "../../graph/types.js";
import { centrality, goalMatch, wordsOf } from "./rank.js";

export const DEFAULT_MAP_TOKENS = 4000;

/** The repository as the model sees it: the files worth knowing for the goal, within budget. */
export interface RepoMap {
  text: string;
  /** Rough token count of `text` (4 characters a token). */
  tokens: number;
  totalFiles: number;
  /** The files in the map, most relevant first. */
  shown: string[];
}

const MAX_NAMES = 24;
const MAX_IMPORTS = 8;
const GOAL_WEIGHT = 2;
const TRAILER_TOKENS = 20;

/**
 * Ranks files by how well their path and exports match the goal's words (weighted double)
 * and by how central they are in the import graph, then lists as many as fit in
 * `maxTokens`, each with its exports and the repository files it imports.
 */
export function buildRepoMap(graph: RepoGraph, goal: string, maxTokens: number): RepoMap {
  const ranked = rankFiles(graph, goal);
  const header = headerOf(graph);
  // Room for the "more files not shown" line, so the map never exceeds the budget.
  let used = estimateTokens(header) + TRAILER_TOKENS;
  const chosen: { path: string; line: string }[] = [];
  for (const node of ranked) {
    const line = describeFile(node);
    const cost = estimateTokens(line + "\n");
    if (used + cost > maxTokens) continue;
    used += cost;
    chosen.push({ path: node.path, line });
  }
  const left = ranked.length - chosen.length;
  const lines = [header, ...chosen.map((c) => c.line).sort(byPath)];
  if (left > 0)
    lines.push(`... ${left} more files not shown (anvil plan --map-tokens N shows more)`);
  const text = lines.join("\n") + "\n";
  return {
    text,
    tokens: estimateTokens(text),
    totalFiles: ranked.length,
    shown: chosen.map((c) => c.path),
  };
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function rankFiles(graph: RepoGraph, goal: string): FileNode[] {
  const central = centrality(graph);
  const goalWords = wordsOf(goal);
  const score = new Map<string, number>();
  for (const node of graph.files.values()) {
    const names = node.exports.map((e) => e.name).join(" ");
    const match = goalMatch(goalWords, wordsOf(`${node.path} ${names}`));
    score.set(node.path, GOAL_WEIGHT * match + (central.get(node.path) ?? 0));
  }
  return [...graph.files.values()].sort(
    (a, b) => score.get(b.path)! - score.get(a.path)! || byPath(a.path, b.path),
  );
}

function headerOf(graph: RepoGraph): string {
  const projectWide = graph.projectFiles.length > 0 ? graph.projectFiles.join(", ") : "none";
  return [
    `Source files: ${graph.files.size}. Project-wide files: ${projectWide}.`,
    "Each line: path — what it exports (type-only exports marked) — the repository files it imports.",
  ].join("\n");
}

function describeFile(node: FileNode): string {
  const parts = [node.path];
  if (node.status !== "parsed") parts.push(`(not analyzed: ${node.problem ?? node.status})`);
  const names = node.exports.map((e) => (e.kind === "type" ? `${e.name} (type)` : e.name));
  for (const star of node.starExports) names.push(`* from ${star.path ?? star.specifier}`);
  if (names.length > 0) parts.push(`exports ${capped(names, MAX_NAMES)}`);
  const imports = [...new Set(node.imports.flatMap((i) => (i.path ? [i.path] : [])))];
  if (imports.length > 0) parts.push(`imports ${capped(imports, MAX_IMPORTS)}`);
  return parts.join(" — ");
}

function capped(items: string[], max: number): string {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown}, +${items.length - max} more` : shown;
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
