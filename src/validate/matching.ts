import type { Bitset } from "./bitset.js";

const FREE = -1;

/**
 * Maximum bipartite matching (Hopcroft–Karp) where left vertex `u` may match any right
 * vertex in `adjacent[u]`; both sides have `adjacent.length` vertices. Neighbours are read
 * straight from the bitsets, so a long chain's closure (n²/2 pairs) is never listed.
 * Iterative, so long plans cannot overflow the call stack.
 */
export function maxMatching(adjacent: readonly Bitset[]): number {
  const size = adjacent.length;
  const matchLeft = new Int32Array(size).fill(FREE);
  const matchRight = new Int32Array(size).fill(FREE);
  const layer = new Int32Array(size);
  let matched = greedy(adjacent, matchLeft, matchRight);
  while (buildLayers(adjacent, matchLeft, matchRight, layer)) {
    for (let u = 0; u < size; u++) {
      if (matchLeft[u] === FREE && augment(u, adjacent, matchLeft, matchRight, layer)) matched++;
    }
  }
  return matched;
}

function greedy(adjacent: readonly Bitset[], left: Int32Array, right: Int32Array): number {
  let matched = 0;
  adjacent.forEach((targets, u) => {
    for (let v = targets.nextSetBit(0); v !== -1; v = targets.nextSetBit(v + 1)) {
      if (right[v] !== FREE) continue;
      left[u] = v;
      right[v] = u;
      matched++;
      return;
    }
  });
  return matched;
}

/** Breadth-first layers from the free left vertices; true when an augmenting path exists. */
function buildLayers(
  adjacent: readonly Bitset[],
  left: Int32Array,
  right: Int32Array,
  layer: Int32Array,
): boolean {
  const queue: number[] = [];
  for (let u = 0; u < left.length; u++) {
    layer[u] = left[u] === FREE ? 0 : -1;
    if (left[u] === FREE) queue.push(u);
  }
  let found = false;
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    const targets = adjacent[u]!;
    for (let v = targets.nextSetBit(0); v !== -1; v = targets.nextSetBit(v + 1)) {
      const next = right[v]!;
      if (next === FREE) found = true;
      else if (layer[next] === -1) {
        layer[next] = layer[u]! + 1;
        queue.push(next);
      }
    }
  }
  return found;
}

/** Depth-first search along the layers for one augmenting path from `start`. */
function augment(
  start: number,
  adjacent: readonly Bitset[],
  left: Int32Array,
  right: Int32Array,
  layer: Int32Array,
): boolean {
  const path: number[] = [start];
  /** For each vertex on the path, the right vertex it is trying (-1: none yet). */
  const trying: number[] = [-1];
  while (path.length > 0) {
    const u = path[path.length - 1]!;
    const v = adjacent[u]!.nextSetBit(trying[trying.length - 1]! + 1);
    if (v === -1) {
      layer[u] = -1; // dead end: never try it again in this phase
      path.pop();
      trying.pop();
      continue;
    }
    trying[trying.length - 1] = v;
    const next = right[v]!;
    if (next === FREE) {
      // Flip the path: each left vertex on it takes the right vertex it stepped through.
      for (let i = path.length - 1; i >= 0; i--) {
        left[path[i]!] = trying[i]!;
        right[trying[i]!] = path[i]!;
      }
      return true;
    }
    if (layer[next] === layer[u]! + 1) {
      path.push(next);
      trying.push(-1);
    }
  }
  return false;
}
