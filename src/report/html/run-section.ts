import type { TaskStatus } from "../../schedule/types.js";
import { type Html, html } from "./html.js";
import { formatDuration } from "./text.js";
import type { RunTimeline, TimelineTask } from "./timeline-model.js";
import { concurrencyOf, drawTimeline } from "./timeline-svg.js";

const STATUSES: readonly TaskStatus[] = [
  "succeeded",
  "failed",
  "skipped",
  "conflicted",
  "interrupted",
  "running",
  "waiting",
];

export function runSection(run: RunTimeline, detailIndex: ReadonlyMap<string, number>): Html {
  return html`<section class="run" aria-labelledby="run-heading">
    <h2 id="run-heading">
      Run <code>${run.runId}</code>
      <span class="status status-${run.status}">${run.status}</span
      >${run.dryRun ? html` <span class="muted">(dry run: each task took its estimate)</span>` : ""}
    </h2>
    ${runFigures(run)} ${statusLegend()}
    <div class="scroll">${drawTimeline(run, detailIndex)}</div>
    ${missingEdges(run)}
  </section>`;
}

/** The rows a task's side panel entry gets in a run report. */
export function taskRunRows(task: TimelineTask, runStart: number): Html {
  const first = task.segments[0];
  const last = task.segments[task.segments.length - 1];
  return html`<dt>run</dt>
    <dd>
      <span class="status status-${task.status}">${task.status}</span
      >${task.attempts > 1 ? ` after ${task.attempts} attempts` : ""}${first && last ? ` · from ${formatDuration(first.start - runStart)} to ${formatDuration(last.end - runStart)}` : ""}${task.reason ? html`<br /><span class="reason">${task.reason}</span>` : ""}
    </dd>
    ${
      task.changedFiles.length > 0
        ? html`<dt>changed</dt>
            <dd>
              <ul class="codes">
                ${task.changedFiles.map((file) => html`<li><code>${file}</code></li>`)}
              </ul>
            </dd>`
        : ""
    }`;
}

/** When the first task of the run started, in ms since the epoch. */
export function runStartOf(run: RunTimeline): number {
  let start = Infinity;
  for (const task of run.tasks) for (const s of task.segments) start = Math.min(start, s.start);
  return start === Infinity ? 0 : start;
}

function runFigures(run: RunTimeline): Html {
  const parallelism = run.wallMs > 0 ? run.taskMs / run.wallMs : 0;
  const peak = Math.max(0, ...concurrencyOf(run.tasks).map((s) => s.running));
  const counts = STATUSES.map((status) => ({
    status,
    count: run.tasks.filter((t) => t.status === status).length,
  })).filter((entry) => entry.count > 0);
  const reruns = run.tasks.filter((t) => t.segments.some((s) => s.outcome === "rerun")).length;
  return html`<div class="figures">
    <div class="figure" data-figure="wall">
      <span class="figure-name">Wall time</span
      ><span class="figure-value"><b>${formatDuration(run.wallMs)}</b></span
      ><span class="figure-unit">from start to end</span>
    </div>
    <div class="figure" data-figure="task-time">
      <span class="figure-name">Task time</span
      ><span class="figure-value"><b>${formatDuration(run.taskMs)}</b></span
      ><span class="figure-unit">the tasks' times added up</span>
    </div>
    <div class="figure" data-figure="parallelism">
      <span class="figure-name">Parallelism</span
      ><span class="figure-value"><b>${parallelism.toFixed(2)}×</b></span
      ><span class="figure-unit"
        >task time over wall time; peak ${peak} at once${run.jobs ? `, -j ${run.jobs}` : ""}</span
      >
    </div>
    <div class="figure" data-figure="tasks">
      <span class="figure-name">Tasks</span
      ><span class="figure-value"><b>${run.tasks.length}</b></span
      ><span class="figure-unit"
        >${counts.map((c) => `${c.count} ${c.status}`).join(", ")}${reruns > 0 ? `, ${reruns} rerun` : ""}</span
      >
    </div>
  </div>`;
}

function statusLegend(): Html {
  const keys = ["succeeded", "failed", "skipped", "conflicted", "rerun", "interrupted"];
  return html`<p class="legend">
    ${keys.map((key) => html`<span class="key"><span class="swatch outcome-${key}" aria-hidden="true"></span>${key === "rerun" ? "run again (retry, or a broken premise)" : key}</span>`)}
  </p>`;
}

function missingEdges(run: RunTimeline): Html {
  if (run.missingEdges.length === 0) return html``;
  return html`<h3 class="list-heading">Dependencies the plan should have declared</h3>
    <ul class="diagnostics">
      ${run.missingEdges.map((b) => html`<li>task <code>${b.task}</code> ran again after task <code>${b.after}</code>: <code>${b.file}:${b.line}</code> imports ${b.target}, which reaches <code>${b.written}</code></li>`)}
    </ul>`;
}
