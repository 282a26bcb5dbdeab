import { type LayoutEdge, topologicalOrder } from "./layout.js";

export interface CriticalPath {
  /** Node indices from the first task to the last. */
  nodes: number[];
  /** Indices (into the edge list) of the edges along it. */
  edges: number[];
}

/**
 * One longest chain of dependencies, counted in tasks as the validator counts it. Among
 * equally long chains: the one ending at the earliest task in plan order, and from there
 * back along the first listed dependency that keeps it longest.
 */
export function criticalPathOf(count: number, edges: readonly LayoutEdge[]): CriticalPath {
  if (count === 0) return { nodes: [], edges: [] };
  const incoming = Array.from({ length: count }, (): number[] => []);
  edges.forEach((edge, index) => incoming[edge.to]!.push(index));
  const length = new Array<number>(count).fill(1);
  for (const node of topologicalOrder(count, edges)) {
    for (const index of incoming[node]!) {
      length[node] = Math.max(length[node]!, length[edges[index]!.from]! + 1);
    }
  }
  let end = 0;
  for (let node = 1; node < count; node++) if (length[node]! > length[end]!) end = node;

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
