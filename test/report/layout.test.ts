import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { criticalPathOf } from "../../src/report/html/critical-path.js";
import { type Layout, layoutDag, type LayoutEdge } from "../../src/report/html/layout.js";

const SIZE = { nodeWidth: 100, nodeHeight: 40, columnGap: 50, rowGap: 10 };

/** Pairs of edges whose lines swap order between two neighbouring columns. */
function crossings(layout: Layout): number {
  const pitch = SIZE.nodeWidth + SIZE.columnGap;
  // Height of each route where it leaves column c (right side) and enters column c + 1.
  const spans = layout.routes.map((route) => {
    const at = new Map<number, [number, number]>();
    for (let i = 0; i + 1 < route.length; i += 2) {
      const column = Math.round((route[i]!.x - SIZE.nodeWidth) / pitch);
      at.set(column, [route[i]!.y, route[i + 1]!.y]);
    }
    return at;
  });
  let total = 0;
  for (let a = 0; a < spans.length; a++) {
    for (let b = a + 1; b < spans.length; b++) {
      for (const [column, [a1, a2]] of spans[a]!) {
        const other = spans[b]!.get(column);
        if (other && (a1 - other[0]) * (a2 - other[1]) < 0) total++;
      }
    }
  }
  return total;
}

/** A random DAG: every edge from a lower index to a higher one. */
const dags = fc.integer({ min: 1, max: 14 }).chain((count) =>
  fc
    .uniqueArray(fc.tuple(fc.nat({ max: count - 1 }), fc.nat({ max: count - 1 })), {
      selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`,
      maxLength: 30,
    })
    .map((pairs) => ({
      count,
      edges: pairs
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })),
    })),
);

function longestPath(count: number, edges: readonly LayoutEdge[]): number {
  const best = new Array<number>(count).fill(1);
  for (let node = 0; node < count; node++) {
    for (const edge of edges)
      if (edge.to === node) best[node] = Math.max(best[node]!, best[edge.from]! + 1);
  }
  return Math.max(...best);
}

describe("layered layout", () => {
  it("puts each task in the column of its longest path from a root", () => {
    // 0 → 1 → 2 → 3 and a shortcut 0 → 3: 3 still goes in the fourth column.
    const edges = [
      { from: 0, to: 1 },
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 0, to: 3 },
    ];
    const layout = layoutDag(4, edges, SIZE);
    expect(layout.depth).toEqual([0, 1, 2, 3]);
    // The shortcut passes through the two columns between, beside the nodes there.
    expect(layout.routes[3]).toHaveLength(6);
  });

  it("untangles crossings that plan order would draw", () => {
    // Plan order puts a above b and c above d, but a feeds d and b feeds c.
    const edges = [
      { from: 0, to: 3 },
      { from: 1, to: 2 },
    ];
    const layout = layoutDag(4, edges, SIZE);
    expect(layout.depth).toEqual([0, 0, 1, 1]);
    expect(crossings(layout)).toBe(0);
  });

  it("draws long edges straight across once routing them would cost too much", () => {
    // A chain of 3000 with an edge from each task to the one halfway to it: millions of
    // columns crossed, if every long edge were routed beside the nodes.
    const count = 3000;
    const edges: LayoutEdge[] = [];
    for (let i = 1; i < count; i++) {
      edges.push({ from: i - 1, to: i });
      if (i > 2) edges.push({ from: Math.floor(i / 2), to: i });
    }
    const layout = layoutDag(count, edges, SIZE);
    expect(layout.depth[count - 1]).toBe(count - 1);
    expect(layout.routes.every((route) => route.length === 2)).toBe(true);
  });

  it("keeps nodes apart, edges left to right, the critical path as long as the longest", () => {
    fc.assert(
      fc.property(dags, ({ count, edges }) => {
        const layout = layoutDag(count, edges, SIZE);
        for (const edge of edges) {
          expect(layout.depth[edge.to]!).toBeGreaterThan(layout.depth[edge.from]!);
          const route = layout.routes[edges.indexOf(edge)]!;
          for (let i = 1; i < route.length; i++) {
            expect(route[i]!.x).toBeGreaterThanOrEqual(route[i - 1]!.x);
          }
        }
        for (let a = 0; a < count; a++) {
          for (let b = a + 1; b < count; b++) {
            if (layout.depth[a] !== layout.depth[b]) continue;
            const gap = Math.abs(layout.nodes[a]!.y - layout.nodes[b]!.y);
            expect(gap).toBeGreaterThanOrEqual(SIZE.nodeHeight + SIZE.rowGap - 1e-6);
          }
        }
        const critical = criticalPathOf(count, edges);
        expect(critical.nodes).toHaveLength(longestPath(count, edges));
        critical.edges.forEach((index, step) => {
          expect(edges[index]).toEqual({
            from: critical.nodes[step],
            to: critical.nodes[step + 1],
          });
        });
      }),
      { numRuns: 200 },
    );
  });
});
