import { type Html, html } from "./html.js";
import { fit, formatDuration, taskDetailId } from "./text.js";
import type { RunTimeline, Segment, TimelineTask } from "./timeline-model.js";

const LABEL = 250;
const PLOT = 700;
const ROW = 26;
const BAR = 15;
const AXIS = 26;
const STRIP = 72;
const GAP = 34;
/** Width of the mark standing for a task that never ran. */
const STUB = 24;

/** The span the drawing covers, in ms since the epoch. */
interface Span {
  start: number;
  end: number;
}

/** The run as a timeline: one row per task, bars by status, then how many ran at once. */
export function drawTimeline(run: RunTimeline, detailIndex: ReadonlyMap<string, number>): Html {
  const rows = orderRows(run.tasks);
  const span = spanOf(run.tasks);
  const x = (at: number) => LABEL + ((at - span.start) / (span.end - span.start)) * PLOT;
  const stripTop = AXIS + rows.length * ROW + GAP;
  const height = stripTop + STRIP + 20;
  const width = LABEL + PLOT + 90;
  const ticks = ticksOf(span);
  return html`<svg
    class="timeline"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
    role="group"
    aria-label="run timeline"
  >
    <defs>
      <pattern
        id="hatch"
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect class="hatch-back" width="6" height="6" />
        <line class="hatch-line" x1="0" y1="0" x2="0" y2="6" />
      </pattern>
    </defs>
    <g class="grid">
      ${ticks.map((tick) => html`<line x1="${x(tick)}" x2="${x(tick)}" y1="${AXIS - 4}" y2="${stripTop + STRIP}" /><text class="tick" x="${x(tick)}" y="${AXIS - 9}">${tickLabel(tick - span.start)}</text>`)}
    </g>
    <g class="rows">
      ${rows.map((task, row) => drawRow(task, AXIS + row * ROW, x, span, detailIndex.get(task.id)))}
    </g>
    ${drawStrip(run, span, x, stripTop)}
  </svg>`;
}

function drawRow(
  task: TimelineTask,
  top: number,
  x: (at: number) => number,
  span: Span,
  detail: number | undefined,
): Html {
  const middle = top + ROW / 2;
  const barTop = middle - BAR / 2;
  const rerun = task.segments.some((s) => s.outcome === "rerun");
  const ran = task.segments.reduce((sum, s) => sum + s.end - s.start, 0);
  const last = task.segments[task.segments.length - 1];
  const label = `${task.id}  ${task.title}`;
  const note =
    task.status === "skipped"
      ? "skipped"
      : last
        ? formatDuration(ran) + (rerun ? ` · ${task.segments.length} attempts` : "")
        : "not started";
  const noteAt = last
    ? x(last.end) + 5
    : task.status === "skipped"
      ? x(task.skippedAt ?? span.start) + STUB + 5
      : LABEL + 4;
  return html`<g class="row" data-task="${task.id}">
    <rect class="row-band" x="0" y="${top}" width="${LABEL + PLOT + 90}" height="${ROW}" />
    <text class="row-label" x="6" y="${middle + 4}"><title>${label}</title>${fit(label, 36)}</text>
    <g
      class="bar"
      data-task="${task.id}"
      data-status="${task.status}"
      ${rerun ? html` data-rerun="true"` : ""}${detail === undefined ? "" : html` data-detail="${taskDetailId(detail)}" tabindex="0" role="button"`}
      aria-label="${`task ${task.id}: ${task.status}`}"
    >
      <title>${`task ${task.id}: ${task.status}${task.reason ? ` (${task.reason})` : ""}`}</title>
      ${task.segments.map((segment) => drawSegment(segment, barTop, x))}
      ${task.status === "skipped" ? skippedMark(task, barTop, x, span) : ""}
    </g>
    <text class="row-note" x="${noteAt}" y="${middle + 4}">${note}</text>
  </g>`;
}

function drawSegment(segment: Segment, top: number, x: (at: number) => number): Html {
  const left = x(segment.start);
  const width = Math.max(2, x(segment.end) - left);
  return html`<rect
    class="segment outcome-${segment.outcome}"
    data-outcome="${segment.outcome}"
    x="${left}"
    y="${top}"
    width="${width}"
    height="${BAR}"
    rx="2"
  />`;
}

/** A skipped task never ran: a hatched stub from when it was given up on. */
function skippedMark(task: TimelineTask, top: number, x: (at: number) => number, span: Span) {
  const at = task.skippedAt ?? span.start;
  return html`<rect
    class="segment outcome-skipped"
    data-outcome="skipped"
    x="${x(at)}"
    y="${top}"
    width="${STUB}"
    height="${BAR}"
    rx="2"
  />`;
}

/** How many tasks ran at once, over time, as a step line; the `-j` bound dashed. */
function drawStrip(run: RunTimeline, span: Span, x: (at: number) => number, top: number): Html {
  const steps = concurrencyOf(run.tasks);
  const peak = Math.max(1, ...steps.map((s) => s.running), run.jobs ?? 0);
  const y = (running: number) => top + STRIP - (running / peak) * (STRIP - 8);
  let d = `M${x(span.start)},${y(0)}`;
  for (const step of steps) d += ` H${x(step.at)} V${y(step.running)}`;
  d += ` H${x(span.end)} V${y(0)} Z`;
  const levels = Array.from({ length: peak + 1 }, (_, n) => n).filter(
    (n) => peak <= 6 || n % Math.ceil(peak / 6) === 0,
  );
  return html`<g class="strip" data-peak="${Math.max(0, ...steps.map((s) => s.running))}">
    <text class="strip-title" x="6" y="${top + 12}">running at once</text>
    ${levels.map((n) => html`<line class="level" x1="${LABEL}" x2="${LABEL + PLOT}" y1="${y(n)}" y2="${y(n)}" /><text class="level-label" x="${LABEL - 6}" y="${y(n) + 4}">${n}</text>`)}
    <path class="concurrency" d="${d}" />
    ${run.jobs ? html`<line class="jobs" x1="${LABEL}" x2="${LABEL + PLOT}" y1="${y(run.jobs)}" y2="${y(run.jobs)}" /><text class="jobs-label" x="${LABEL + PLOT + 4}" y="${y(run.jobs) + 4}">-j ${run.jobs}</text>` : ""}
  </g>`;
}

/** The number of attempts running after each moment something starts or ends. */
export function concurrencyOf(tasks: readonly TimelineTask[]): { at: number; running: number }[] {
  const changes: { at: number; delta: number }[] = [];
  for (const task of tasks) {
    for (const segment of task.segments) {
      changes.push({ at: segment.start, delta: 1 }, { at: segment.end, delta: -1 });
    }
  }
  // An end and a start at the same moment are a hand-over, not two at once.
  changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
  const steps: { at: number; running: number }[] = [];
  let running = 0;
  for (const change of changes) {
    running += change.delta;
    const last = steps[steps.length - 1];
    if (last && last.at === change.at) last.running = running;
    else steps.push({ at: change.at, running });
  }
  return steps;
}

/** Tasks by when they first started; those that never ran last, in plan order. */
function orderRows(tasks: readonly TimelineTask[]): TimelineTask[] {
  const first = (task: TimelineTask) => task.segments[0]?.start ?? task.skippedAt ?? Infinity;
  return tasks
    .map((task, at) => ({ task, at }))
    .sort((a, b) => first(a.task) - first(b.task) || a.at - b.at)
    .map((entry) => entry.task);
}

function spanOf(tasks: readonly TimelineTask[]): Span {
  const times = tasks.flatMap((task) => [
    ...task.segments.flatMap((s) => [s.start, s.end]),
    ...(task.skippedAt === undefined ? [] : [task.skippedAt]),
  ]);
  if (times.length === 0) return { start: 0, end: 1 };
  const start = times.reduce((a, b) => Math.min(a, b));
  const end = times.reduce((a, b) => Math.max(a, b));
  return { start, end: end > start ? end : start + 1 };
}

/** `1 s` rather than `1.00 s`, `2 min` rather than `2 min 00 s`: ticks are round numbers. */
function tickLabel(ms: number): string {
  if (ms === 0) return "0";
  return formatDuration(ms)
    .replace(/\.(\d*?)0+ s$/, (_, digits: string) => (digits ? `.${digits} s` : " s"))
    .replace(/ 00 (s|min)$/, "");
}

/** Steps a clock reader counts in, in ms: fractions of a second, then seconds, minutes, hours. */
const STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
  300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/** About eight round steps across the span. */
function ticksOf(span: Span): number[] {
  const length = span.end - span.start;
  const raw = length / 8;
  const step = STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = 0; t <= length + 1e-9; t += step) ticks.push(span.start + t);
  return ticks;
}
