/** A dependency to draw: `to` depends on `from`, so `from` sits in an earlier column. */
export interface LayoutEdge {
  from: number;
  to: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  /** Top-left corner of each node's box, by node index. */
  nodes: Point[];
  /** Column of each node: the longest path (in edges) from a node with no dependencies. */
  depth: number[];
  /** Per edge, in input order: the points the line passes, from `from` to `to`. */
  routes: Point[][];
  width: number;
  height: number;
}

export interface LayoutSize {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
}

/** An item of one column: a node, or the place where a longer edge crosses the column. */
interface Slot {
  node?: number;
  edge?: number;
  /** Slots of the previous and next columns this one is linked to. */
  before: Slot[];
  after: Slot[];
  y: number;
}

const SWEEPS = 8;

/**
 * Lays a directed acyclic graph out in columns by dependency depth (a layered drawing):
 * longer edges pass through every column they cross, barycenter sweeps reduce crossings,
 * and each node is then pulled level with its neighbours as far as spacing allows.
 */
export function layoutDag(count: number, edges: readonly LayoutEdge[], size: LayoutSize): Layout {
  const depth = depthsOf(count, edges);
  const columns = columnsOf(count, edges, depth);
  orderColumns(columns);
  placeColumns(columns, size);
  const pitch = size.nodeWidth + size.columnGap;
  const nodes = new Array<Point>(count);
  for (const column of columns) {
    for (const slot of column) {
      if (slot.node !== undefined) {
        nodes[slot.node] = { x: depth[slot.node]! * pitch, y: slot.y - size.nodeHeight / 2 };
      }
    }
  }
  const routes = edges.map((_, index) => routeOf(index, edges, columns, depth, size));
  const height = Math.max(
    size.nodeHeight,
    ...columns.flat().map((slot) => slot.y + size.nodeHeight / 2),
  );
  return { nodes, depth, routes, width: columns.length * pitch - size.columnGap, height };
}

/** Longest path from a root, in edges; plan order breaks no ties, it only visits. */
export function depthsOf(count: number, edges: readonly LayoutEdge[]): number[] {
  const preds = Array.from({ length: count }, (): number[] => []);
  for (const edge of edges) preds[edge.to]!.push(edge.from);
  const depth = new Array<number>(count).fill(-1);
  const visit = (node: number, path: Set<number>): number => {
    if (depth[node]! >= 0) return depth[node]!;
    if (path.has(node)) throw new Error(`dependency cycle through node ${node}`);
    path.add(node);
    let value = 0;
    for (const pred of preds[node]!) value = Math.max(value, visit(pred, path) + 1);
    path.delete(node);
    depth[node] = value;
    return value;
  };
  for (let node = 0; node < count; node++) visit(node, new Set());
  return depth;
}

function columnsOf(count: number, edges: readonly LayoutEdge[], depth: number[]): Slot[][] {
  const columns: Slot[][] = Array.from({ length: Math.max(0, ...depth) + 1 }, () => []);
  const slots: Slot[] = [];
  for (let node = 0; node < count; node++) {
    slots[node] = { node, before: [], after: [], y: 0 };
    columns[depth[node]!]!.push(slots[node]!);
  }
  edges.forEach((edge, index) => {
    let previous = slots[edge.from]!;
    for (let column = depth[edge.from]! + 1; column < depth[edge.to]!; column++) {
      const crossing: Slot = { edge: index, before: [previous], after: [], y: 0 };
      previous.after.push(crossing);
      columns[column]!.push(crossing);
      previous = crossing;
    }
    previous.after.push(slots[edge.to]!);
    slots[edge.to]!.before.push(previous);
  });
  return columns;
}

/** Barycenter sweeps, forward then backward, keeping the order with the fewest crossings. */
function orderColumns(columns: Slot[][]): void {
  let best = columns.map((column) => [...column]);
  let fewest = crossings(columns);
  for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
    for (let i = 1; i < columns.length; i++) sortByBarycenter(columns, i, "before", i - 1);
    for (let i = columns.length - 2; i >= 0; i--) sortByBarycenter(columns, i, "after", i + 1);
    const count = crossings(columns);
    if (count < fewest) {
      fewest = count;
      best = columns.map((column) => [...column]);
    }
  }
  best.forEach((column, i) => (columns[i] = column));
}

function sortByBarycenter(
  columns: Slot[][],
  index: number,
  side: "before" | "after",
  neighbour: number,
): void {
  const position = new Map(columns[neighbour]!.map((slot, at) => [slot, at]));
  const column = columns[index]!;
  const keyed = column.map((slot, at) => {
    const linked = slot[side].map((other) => position.get(other)!);
    const center =
      linked.length === 0 ? at : linked.reduce((sum, value) => sum + value, 0) / linked.length;
    return { slot, center, at };
  });
  keyed.sort((a, b) => a.center - b.center || a.at - b.at);
  columns[index] = keyed.map((entry) => entry.slot);
}

/**
 * Pairs of lines between neighbouring columns that cross each other: with the lines sorted
 * by their upper end, the inversions among their lower ends (counted with a Fenwick tree).
 */
function crossings(columns: readonly Slot[][]): number {
  let total = 0;
  for (let i = 0; i + 1 < columns.length; i++) {
    const next = new Map(columns[i + 1]!.map((slot, at) => [slot, at]));
    const lines: [number, number][] = [];
    columns[i]!.forEach((slot, at) => slot.after.forEach((to) => lines.push([at, next.get(to)!])));
    lines.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const tree = new Array<number>(columns[i + 1]!.length + 1).fill(0);
    lines.forEach(([, lower], seen) => {
      let atOrBelow = 0;
      for (let k = lower + 1; k > 0; k -= k & -k) atOrBelow += tree[k]!;
      total += seen - atOrBelow;
      for (let k = lower + 1; k < tree.length; k += k & -k) tree[k]!++;
    });
  }
  return total;
}

/**
 * Vertical centres: each column is first stacked, then twice pulled towards the average
 * height of its neighbours, keeping order and spacing (a forward and a backward pass,
 * averaged, both of which respect the spacing).
 */
function placeColumns(columns: Slot[][], size: LayoutSize): void {
  const gap = (slot: Slot) => (slot.node === undefined ? size.rowGap : size.nodeHeight);
  const spacing = (a: Slot, b: Slot) => (gap(a) + gap(b)) / 2 + size.rowGap;
  for (const column of columns) {
    let y = size.nodeHeight / 2;
    column.forEach((slot, at) => {
      if (at > 0) y += spacing(column[at - 1]!, slot);
      slot.y = y;
    });
  }
  for (let pass = 0; pass < 2; pass++) {
    for (const column of columns) pull(column, "before", spacing);
    for (const column of [...columns].reverse()) pull(column, "after", spacing);
  }
  const top = Math.min(...columns.flat().map((slot) => slot.y));
  for (const slot of columns.flat()) slot.y += size.nodeHeight / 2 - top;
}

function pull(column: Slot[], side: "before" | "after", spacing: (a: Slot, b: Slot) => number) {
  const wanted = column.map((slot) => {
    const linked = slot[side];
    if (linked.length === 0) return slot.y;
    return linked.reduce((sum, other) => sum + other.y, 0) / linked.length;
  });
  const down = [...wanted];
  for (let i = 1; i < column.length; i++) {
    down[i] = Math.max(wanted[i]!, down[i - 1]! + spacing(column[i - 1]!, column[i]!));
  }
  const up = [...wanted];
  for (let i = column.length - 2; i >= 0; i--) {
    up[i] = Math.min(wanted[i]!, up[i + 1]! - spacing(column[i]!, column[i + 1]!));
  }
  column.forEach((slot, i) => (slot.y = (down[i]! + up[i]!) / 2));
}

/** From the right side of `from`, through each column the edge crosses, to the left of `to`. */
function routeOf(
  index: number,
  edges: readonly LayoutEdge[],
  columns: readonly Slot[][],
  depth: readonly number[],
  size: LayoutSize,
): Point[] {
  const edge = edges[index]!;
  const pitch = size.nodeWidth + size.columnGap;
  const centre = (node: number) => columns[depth[node]!]!.find((slot) => slot.node === node)!.y;
  const points: Point[] = [{ x: depth[edge.from]! * pitch + size.nodeWidth, y: centre(edge.from) }];
  for (let column = depth[edge.from]! + 1; column < depth[edge.to]!; column++) {
    const y = columns[column]!.find((slot) => slot.edge === index)!.y;
    points.push({ x: column * pitch, y }, { x: column * pitch + size.nodeWidth, y });
  }
  points.push({ x: depth[edge.to]! * pitch, y: centre(edge.to) });
  return points;
}
