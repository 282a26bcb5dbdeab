import type { Task } from "../../plan/types.js";
import type { EdgeVerdict, VerdictKind } from "../../validate/types.js";
import { criticalPathOf } from "./critical-path.js";
import { type Html, html } from "./html.js";
import { layoutDag, type LayoutSize, type Point } from "./layout.js";
import { edgeDetailId, fit, fitPath, taskDetailId } from "./text.js";

/** One drawing of the plan: its tasks and the edges it has, as indices into the verdict. */
export interface PlanView {
  key: "before" | "after";
  tasks: readonly Task[];
  /** Indices into `edges`. */
  shown: readonly number[];
  edges: readonly EdgeVerdict[];
}

export interface DrawnView {
  svg: Html;
  criticalPath: number;
  columns: number;
}

const SIZE: LayoutSize = { nodeWidth: 196, nodeHeight: 62, columnGap: 76, rowGap: 18 };
const PAD = 14;
/** Columns beyond which a drawing scrolls rather than shrinks below readable. */
const WIDE = 5;
const VERDICTS: readonly VerdictKind[] = ["kept", "pruned", "added", "redundant"];

/** The plan as an SVG: tasks in columns by depth, edges coloured by verdict, critical path. */
export function drawPlanView(view: PlanView): DrawnView {
  const index = new Map(view.tasks.map((task, at) => [task.id, at]));
  const links = view.shown.map((at) => ({
    from: index.get(view.edges[at]!.dependsOn)!,
    to: index.get(view.edges[at]!.task)!,
  }));
  const layout = layoutDag(view.tasks.length, links, SIZE);
  const critical = criticalPathOf(view.tasks.length, links);
  const onPath = new Set(critical.nodes);
  const edgesOnPath = new Set(critical.edges);
  const routes = spreadPorts(layout.routes, links);
  const width = layout.width + 2 * PAD;
  const columns = Math.max(0, ...layout.depth) + 1;
  const height = layout.height + 2 * PAD;

  const edges = view.shown.map((at, i) => drawEdge(view, at, routes[i]!, edgesOnPath.has(i)));
  const nodes = view.tasks.map((task, at) => drawNode(task, at, layout.nodes[at]!, onPath.has(at)));
  const svg = html`<svg
    class="plan-graph${columns > WIDE ? " wide" : ""}"
    data-view="${view.key}"
    viewBox="${-PAD} ${-PAD} ${width} ${height}"
    width="${width}"
    height="${height}"
    role="group"
    aria-label="${view.key === "before" ? "the plan as written" : "the validated plan"}"
  >
    <defs>${VERDICTS.map((verdict) => marker(view.key, verdict))}</defs>
    <g class="edges">${edges}</g>
    <g class="nodes">${nodes}</g>
  </svg>`;
  return { svg, criticalPath: critical.nodes.length, columns };
}

function drawNode(task: Task, at: number, corner: Point, critical: boolean): Html {
  const writes = task.writes;
  const files =
    writes === undefined
      ? "writes: not declared"
      : writes.length === 0
        ? "writes nothing"
        : fitPath(writes[0]!, 28) + (writes.length > 1 ? ` +${writes.length - 1}` : "");
  return html`<g
    class="node${critical ? " critical" : ""}"
    data-task="${task.id}"
    data-detail="${taskDetailId(at)}"
    ${critical ? html` data-critical="true"` : ""}
    tabindex="0"
    role="button"
    aria-label="${`task ${task.id}: ${task.title}`}"
    transform="translate(${corner.x} ${corner.y})"
  >
    <title>${`${task.id}: ${task.title}`}</title>
    <rect width="${SIZE.nodeWidth}" height="${SIZE.nodeHeight}" rx="7" />
    <text class="node-id" x="10" y="16">${fit(task.id, 30)}</text>
    <text class="node-title" x="10" y="34">${fit(task.title, 23)}</text>
    <text class="node-files" x="10" y="51">${files}</text>
  </g>`;
}

function drawEdge(view: PlanView, at: number, route: Point[], critical: boolean): Html {
  const edge = view.edges[at]!;
  const d = pathOf(route);
  const mid = middleOf(route);
  const label = `task ${edge.task} depends on task ${edge.dependsOn}: ${edge.verdict} (${edge.evidence})`;
  return html`<g
    class="edge verdict-${edge.verdict}${critical ? " critical" : ""}"
    data-verdict="${edge.verdict}"
    data-task="${edge.task}"
    data-depends-on="${edge.dependsOn}"
    data-detail="${edgeDetailId(at)}"
    ${critical ? html` data-critical="true"` : ""}
    tabindex="0"
    role="button"
    aria-label="${label}"
  >
    <title>${label}</title>
    ${critical ? html`<path class="edge-critical" d="${d}" />` : ""}
    <path class="edge-hit" d="${d}" />
    <path class="edge-line" d="${d}" marker-end="url(#${view.key}-arrow-${edge.verdict})" />
    <circle class="edge-handle" cx="${round(mid.x)}" cy="${round(mid.y)}" r="4.5" />
  </g>`;
}

function marker(key: string, verdict: VerdictKind): Html {
  return html`<marker
    id="${key}-arrow-${verdict}"
    class="arrow arrow-${verdict}"
    viewBox="0 0 10 10"
    refX="9"
    refY="5"
    markerWidth="7"
    markerHeight="7"
    markerUnits="userSpaceOnUse"
    orient="auto"
    ><path d="M0,0 L10,5 L0,10 z"
  /></marker>`;
}

/**
 * Curves between columns, straight lines through the columns a long edge crosses: the
 * route alternates curve, line, curve, ... from its first point to its last.
 */
function pathOf(route: readonly Point[]): string {
  const [first, ...rest] = route;
  let d = `M${round(first!.x)},${round(first!.y)}`;
  let previous = first!;
  rest.forEach((point, i) => {
    if (i % 2 === 1) {
      d += ` L${round(point.x)},${round(point.y)}`;
    } else {
      const dx = (point.x - previous.x) / 2;
      d +=
        ` C${round(previous.x + dx)},${round(previous.y)} ` +
        `${round(point.x - dx)},${round(point.y)} ${round(point.x)},${round(point.y)}`;
    }
    previous = point;
  });
  return d;
}

/** The middle of the middle piece; a symmetric curve passes through its chord's middle. */
function middleOf(route: readonly Point[]): Point {
  const pieces = route.length - 1;
  const piece = Math.floor(pieces / 2);
  const a = route[piece]!;
  const b = route[piece + 1]!;
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * Fans the ends of the edges meeting at one side of a node out along that side, in the
 * order of where they come from, so arrows into one task stay apart.
 */
function spreadPorts(
  routes: readonly Point[][],
  links: readonly { from: number; to: number }[],
): Point[][] {
  const spread = routes.map((route) => route.map((point) => ({ ...point })));
  const ends = new Map<string, { route: Point[]; end: number; towards: number }[]>();
  spread.forEach((route, i) => {
    const add = (key: string, end: number, towards: number) => {
      const list = ends.get(key) ?? [];
      list.push({ route, end, towards });
      ends.set(key, list);
    };
    add(`out:${links[i]!.from}`, 0, route[1]!.y);
    add(`in:${links[i]!.to}`, route.length - 1, route[route.length - 2]!.y);
  });
  for (const list of ends.values()) {
    list.sort((a, b) => a.towards - b.towards);
    const step = Math.min(10, (SIZE.nodeHeight * 0.7) / list.length);
    list.forEach((entry, k) => {
      entry.route[entry.end]!.y += (k - (list.length - 1) / 2) * step;
    });
  }
  return spread;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
