import type { LayoutEdge } from "./layout.js";

export interface CriticalPath {
  /** Node indices from the first task to the last. */
  nodes: number[];
  /** Indices (into the edge list) of the edges along it. */
  edges: number[];
}

/**
 * One longest chain of dependencies, counted in tasks as the validator counts it; among
 * equally long chains, the one ending (then continuing backwards) earliest in plan order.
 */
export function criticalPathOf(count: number, edges: readonly LayoutEdge[]): CriticalPath {
  if (count === 0) return { nodes: [], edges: [] };
  const incoming = Array.from({ length: count }, (): number[] => []);
  edges.forEach((edge, index) => incoming[edge.to]!.push(index));
  const length = new Array<number>(count).fill(0);
  const visit = (node: number): number => {
    if (length[node]! > 0) return length[node]!;
    let longest = 0;
    for (const index of incoming[node]!) longest = Math.max(longest, visit(edges[index]!.from));
    length[node] = longest + 1;
    return longest + 1;
  };
  let end = 0;
  for (let node = 0; node < count; node++) if (visit(node) > visit(end)) end = node;

  const nodes = [end];
  const along: number[] = [];
  for (let node = end; length[node]! > 1;) {
    const index = incoming[node]!.find((i) => length[edges[i]!.from] === length[node]! - 1)!;
    along.push(index);
    node = edges[index]!.from;
    nodes.push(node);
  }
  return { nodes: nodes.reverse(), edges: along.reverse() };
}
