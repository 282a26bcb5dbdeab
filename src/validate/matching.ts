const FREE = -1;

/**
 * Maximum bipartite matching (Hopcroft–Karp): `adjacent[u]` lists the right-side vertices
 * of left vertex `u`; both sides have `size` vertices. Iterative, so long plans cannot
 * overflow the call stack.
 */
export function maxMatching(adjacent: readonly (readonly number[])[], size: number): number {
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

function greedy(adjacent: readonly (readonly number[])[], left: Int32Array, right: Int32Array) {
  let matched = 0;
  adjacent.forEach((targets, u) => {
    const v = targets.find((t) => right[t] === FREE);
    if (v === undefined) return;
    left[u] = v;
    right[v] = u;
    matched++;
  });
  return matched;
}

/** Breadth-first layers from the free left vertices; true when an augmenting path exists. */
function buildLayers(
  adjacent: readonly (readonly number[])[],
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
    for (const v of adjacent[u]!) {
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
  adjacent: readonly (readonly number[])[],
  left: Int32Array,
  right: Int32Array,
  layer: Int32Array,
): boolean {
  const path: number[] = [start];
  const cursor: number[] = [0];
  while (path.length > 0) {
    const u = path[path.length - 1]!;
    const targets = adjacent[u]!;
    const at = cursor[cursor.length - 1]!;
    if (at >= targets.length) {
      layer[u] = -1; // dead end: never try it again in this phase
      path.pop();
      cursor.pop();
      continue;
    }
    cursor[cursor.length - 1] = at + 1;
    const v = targets[at]!;
    const next = right[v]!;
    if (next === FREE) {
      // Flip the path: each left vertex on it takes the right vertex it stepped through.
      for (let i = path.length - 1; i >= 0; i--) {
        const w = path[i]!;
        const via = adjacent[w]![cursor[i]! - 1]!;
        left[w] = via;
        right[via] = w;
      }
      return true;
    }
    if (layer[next] === layer[u]! + 1) {
      path.push(next);
      cursor.push(0);
    }
  }
  return false;
}
