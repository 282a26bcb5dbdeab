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
 * Columns crossed by long edges, summed, beyond which they are drawn straight across instead
 * of routed beside the nodes: routing costs a slot per column crossed, and a deep plan with
 * many long edges (thousands of tasks) would otherwise take seconds and megabytes.
 */
const CROSSING_BUDGET = 20_000;

/**
 * Lays a directed acyclic graph out in columns by dependency depth (a layered drawing):
 * longer edges pass through every column they cross, barycenter sweeps reduce crossings,
 * and each node is then pulled level with its neighbours as far as spacing allows.
 */
export function layoutDag(count: number, edges: readonly LayoutEdge[], size: LayoutSize): Layout {
  const depth = depthsOf(count, edges);
  const { columns, nodeSlots, passes } = columnsOf(count, edges, depth);
  orderColumns(columns);
  placeColumns(columns, size);
  const pitch = size.nodeWidth + size.columnGap;
  const nodes = nodeSlots.map((slot, node) => ({
    x: depth[node]! * pitch,
    y: slot.y - size.nodeHeight / 2,
  }));
  const routes = edges.map((edge, index) => {
    const points: Point[] = [
      { x: nodes[edge.from]!.x + size.nodeWidth, y: nodeSlots[edge.from]!.y },
    ];
    passes[index]!.forEach((slot, k) => {
      const x = (depth[edge.from]! + 1 + k) * pitch;
      points.push({ x, y: slot.y }, { x: x + size.nodeWidth, y: slot.y });
    });
    points.push({ x: nodes[edge.to]!.x, y: nodeSlots[edge.to]!.y });
    return points;
  });
  let height = size.nodeHeight;
  for (const slot of nodeSlots) height = Math.max(height, slot.y + size.nodeHeight / 2);
  return { nodes, depth, routes, width: columns.length * pitch - size.columnGap, height };
}

/** Tasks in an order where each comes after everything it depends on (Kahn's algorithm). */
export function topologicalOrder(count: number, edges: readonly LayoutEdge[]): number[] {
  const after = Array.from({ length: count }, (): number[] => []);
  const waiting = new Array<number>(count).fill(0);
  for (const edge of edges) {
    after[edge.from]!.push(edge.to);
    waiting[edge.to]!++;
  }
  const order: number[] = [];
  for (let node = 0; node < count; node++) if (waiting[node] === 0) order.push(node);
  for (let at = 0; at < order.length; at++) {
    for (const next of after[order[at]!]!) if (--waiting[next]! === 0) order.push(next);
  }
  if (order.length < count) throw new Error("the dependencies form a cycle");
  return order;
}

/** Longest path from a root, in edges. */
export function depthsOf(count: number, edges: readonly LayoutEdge[]): number[] {
  const preds = Array.from({ length: count }, (): number[] => []);
  for (const edge of edges) preds[edge.to]!.push(edge.from);
  const depth = new Array<number>(count).fill(0);
  for (const node of topologicalOrder(count, edges)) {
    for (const pred of preds[node]!) depth[node] = Math.max(depth[node]!, depth[pred]! + 1);
  }
  return depth;
}

/** The columns' slots, the slot of each node, and the slots each edge passes through. */
function columnsOf(count: number, edges: readonly LayoutEdge[], depth: number[]) {
  const columns: Slot[][] = Array.from({ length: maxOf(depth, 0) + 1 }, () => []);
  const nodeSlots: Slot[] = [];
  for (let node = 0; node < count; node++) {
    nodeSlots[node] = { node, before: [], after: [], y: 0 };
    columns[depth[node]!]!.push(nodeSlots[node]!);
  }
  let crossed = 0;
  for (const edge of edges) crossed += depth[edge.to]! - depth[edge.from]! - 1;
  const routed = crossed <= CROSSING_BUDGET;
  const passes = edges.map((edge, index) => {
    const through: Slot[] = [];
    let previous = nodeSlots[edge.from]!;
    for (let column = depth[edge.from]! + 1; routed && column < depth[edge.to]!; column++) {
      const crossing: Slot = { edge: index, before: [previous], after: [], y: 0 };
      previous.after.push(crossing);
      columns[column]!.push(crossing);
      through.push(crossing);
      previous = crossing;
    }
    previous.after.push(nodeSlots[edge.to]!);
    nodeSlots[edge.to]!.before.push(previous);
    return through;
  });
  return { columns, nodeSlots, passes };
}

function maxOf(values: readonly number[], floor: number): number {
  let max = floor;
  for (const value of values) max = Math.max(max, value);
  return max;
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
  let top = Infinity;
  for (const column of columns) for (const slot of column) top = Math.min(top, slot.y);
  for (const column of columns) for (const slot of column) slot.y += size.nodeHeight / 2 - top;
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
