import type { RepoGraph } from "../../graph/repo-graph.js";

const DAMPING = 0.85;
const ITERATIONS = 30;

/**
 * PageRank over the import graph, rank flowing from importer to imported file, scaled so the
 * most central file scores 1. Files many others build on (types, shared helpers) come first.
 */
export function centrality(graph: RepoGraph): Map<string, number> {
  const nodes = graph.graph.nodes();
  const n = nodes.length;
  let rank = new Map(nodes.map((node) => [node, 1 / Math.max(n, 1)]));
  for (let i = 0; i < ITERATIONS; i++) {
    const next = new Map(nodes.map((node) => [node, (1 - DAMPING) / n]));
    let dangling = 0;
    for (const node of nodes) {
      const share = rank.get(node)!;
      const targets = graph.graph.outNeighbors(node);
      if (targets.length === 0) dangling += share;
      for (const target of targets) {
        next.set(target, next.get(target)! + (DAMPING * share) / targets.length);
      }
    }
    // A file that imports nothing spreads its rank evenly, so the total stays 1.
    for (const node of nodes) next.set(node, next.get(node)! + (DAMPING * dangling) / n);
    rank = next;
  }
  const top = Math.max(0, ...rank.values());
  return new Map([...rank].map(([node, value]) => [node, top > 0 ? value / top : 0]));
}

const STOP_WORDS = new Set(
  (
    "the and for with from into that this then than them they their there these those when " +
    "what which while where who add adds make makes use uses using new all any each its also " +
    "not but can should must will would to of in on at by as is are be an a it or so " +
    "file files code support update change fix implement create"
  ).split(" "),
);

/** Lower-case word stems of a text, identifiers split at camelCase, `_`, `-`, `/` and `.`. */
export function wordsOf(text: string): Set<string> {
  const spaced = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  const words = spaced.toLowerCase().split(/[^a-z0-9]+/);
  return new Set(words.filter((w) => w.length >= 3 && !STOP_WORDS.has(w)).map(stem));
}

/** Crude plural and verb-form folding: enough to match "users" with `user.ts`. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 4 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 3 && word.endsWith("es") && /(s|x|ch|sh)es$/.test(word)) {
    return word.slice(0, -2);
  }
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** The share of the goal's words found in a file's path and export names (0 to 1). */
export function goalMatch(goalWords: ReadonlySet<string>, fileWords: ReadonlySet<string>): number {
  if (goalWords.size === 0) return 0;
  let hits = 0;
  for (const word of goalWords) if (fileWords.has(word)) hits++;
  return hits / goalWords.size;
}
