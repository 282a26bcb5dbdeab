import type { Diagnostic } from "../../plan/diagnostics.js";
import type { Plan } from "../../plan/types.js";
import type { PlanVerdict, VerdictKind } from "../../validate/types.js";
import { edgeDetail, taskDetail } from "./details.js";
import { type Html, html } from "./html.js";
import { type DrawnView, drawPlanView } from "./plan-svg.js";

/** What the plan report is drawn from: the verdict holds the plan before and after. */
export interface PlanReport {
  verdict: PlanVerdict;
  /** How to name the plan on the page (its file name, say). */
  source?: string;
}

/** Per task, extra rows for its side panel entry (the run report adds how the task ran). */
export type TaskExtras = (taskId: string) => Html | undefined;

export function planSection(report: PlanReport, extras: TaskExtras = () => undefined): Html {
  const { verdict } = report;
  const claimed = claimedPlanOf(verdict);
  const edges = verdict.edges;
  const indices = edges.map((_, at) => at);
  const before = drawPlanView({
    key: "before",
    tasks: claimed.tasks,
    edges,
    shown: indices.filter((at) => edges[at]!.verdict !== "added"),
  });
  const after = drawPlanView({
    key: "after",
    tasks: verdict.plan.tasks,
    edges,
    shown: indices.filter((at) => edges[at]!.verdict !== "pruned"),
  });
  const changed = edges.some((edge) => edge.verdict === "pruned" || edge.verdict === "added");
  const afterById = new Map(verdict.plan.tasks.map((task) => [task.id, task]));
  return html`<section class="plan" aria-labelledby="plan-heading">
    <h2 id="plan-heading">Plan${report.source ? html` <code>${report.source}</code>` : ""}</h2>
    ${claimed.goal ? html`<p class="goal">${claimed.goal}</p>` : ""} ${figures(report)}
    ${changed ? switchable(before, after) : unchanged(after)} ${diagnosticList(verdict.diagnostics)}
    <h3 class="list-heading">Tasks</h3>
    <div class="details-list">
      ${claimed.tasks.map((task, at) => taskDetail(task, at, afterById.get(task.id), extras(task.id)))}
    </div>
    <h3 class="list-heading">Dependencies</h3>
    <div class="details-list">${edges.map((edge, at) => edgeDetail(edge, at))}</div>
  </section>`;
}

/**
 * The plan as written: the verdict lists every claimed edge, in the order each task's
 * `depends_on` gave them, before the added ones.
 */
export function claimedPlanOf(verdict: PlanVerdict): Plan {
  const tasks = verdict.plan.tasks.map((task) => ({
    ...task,
    depends_on: verdict.edges
      .filter((edge) => edge.task === task.id && edge.verdict !== "added")
      .map((edge) => edge.dependsOn),
  }));
  return { ...verdict.plan, tasks };
}

function figures({ verdict }: PlanReport): Html {
  const m = verdict.metrics;
  const count = (kind: VerdictKind) => verdict.edges.filter((e) => e.verdict === kind).length;
  const figure = (name: string, before: number, after: number, unit: string, id: string) =>
    html`<div class="figure" data-figure="${id}">
      <span class="figure-name">${name}</span
      ><span class="figure-value"
        ><span data-before>${before}</span> → <b data-after>${after}</b></span
      ><span class="figure-unit">${unit}</span>
    </div>`;
  return html`<div class="figures">
    ${figure("Critical path", m.criticalPathBefore, m.criticalPathAfter, "tasks in a row", "critical-path")}
    ${figure("Width", m.widthBefore, m.widthAfter, "tasks at once", "width")}
    ${figure("Dependencies", m.edgesBefore, m.edgesAfter, `${count("pruned")} pruned, ${count("added")} added, ${count("redundant")} redundant`, "edges")}
    <div class="figure" data-figure="tasks">
      <span class="figure-name">Tasks</span><span class="figure-value"><b>${m.tasks}</b></span
      ><span class="figure-unit">import chains counted: ${verdict.prune}</span>
    </div>
  </div>`;
}

/** Before and after, both at once or one at a time (radio buttons: no script needed). */
function switchable(before: DrawnView, after: DrawnView): Html {
  return html`<div class="switch" role="radiogroup" aria-label="which plan to show">
    <input type="radio" name="plan-view" id="show-both" value="both" checked /><label
      for="show-both"
      >Both</label
    >
    <input type="radio" name="plan-view" id="show-before" value="before" /><label for="show-before"
      >Before</label
    >
    <input type="radio" name="plan-view" id="show-after" value="after" /><label for="show-after"
      >After</label
    >
    ${legend()}
    <div class="views">
      ${view("before", "Before: as written", before)} ${view("after", "After: validated", after)}
    </div>
  </div>`;
}

/** Validation kept every dependency: before and after are one drawing. */
function unchanged(after: DrawnView): Html {
  return html`${legend()}
    <div class="views">${view("after", "Validated: every dependency stays", after)}</div>`;
}

function view(key: "before" | "after", title: string, drawn: DrawnView): Html {
  return html`<figure
    class="view view-${key}"
    id="view-${key}"
    data-critical-path="${drawn.criticalPath}"
  >
    <figcaption>
      <b>${title}</b> · critical path ${drawn.criticalPath} · ${drawn.columns} columns
    </figcaption>
    <div class="scroll">${drawn.svg}</div>
  </figure>`;
}

function legend(): Html {
  const line = (verdict: VerdictKind, words: string) =>
    html`<span class="key"
      ><svg width="34" height="10" aria-hidden="true">
        <path class="legend-line verdict-${verdict}" d="M1,5 H33" /></svg
      >${words}</span
    >`;
  return html`<p class="legend">
    ${line("kept", "kept")}${line("pruned", "pruned (proven unnecessary)")}${line("added", "added (an order the plan needs)")}${line("redundant", "redundant (implied by a longer path)")}
    <span class="key"><span class="critical-swatch" aria-hidden="true"></span>critical path</span>
  </p>`;
}

function diagnosticList(diagnostics: readonly Diagnostic[]): Html {
  if (diagnostics.length === 0) return html``;
  return html`<h3 class="list-heading">Findings</h3>
    <ul class="diagnostics">
      ${diagnostics.map((d) => html`<li class="severity-${d.severity}"><b>${d.severity}</b> <code>${d.code}</code> ${d.message}</li>`)}
    </ul>`;
}
