import { renderPage } from "./page.js";
import { claimedPlanOf, type PlanReport, planSection } from "./plan-section.js";
import { runSection, runStartOf, taskRunRows } from "./run-section.js";
import type { RunTimeline } from "./timeline-model.js";

export { claimedPlanOf, type PlanReport } from "./plan-section.js";
export {
  parseEvents,
  type RunTimeline,
  timelineFromState,
  timelineFromSummary,
} from "./timeline-model.js";

/** The plan before and after validation, as one self-contained HTML page. */
export function planReportHtml(report: PlanReport): string {
  const goal = report.verdict.plan.goal;
  return renderPage({
    title: `anvil plan report${report.source ? `: ${report.source}` : ""}`,
    ...(goal ? { subtitle: goal } : {}),
    sections: [planSection(report)],
  });
}

/** A run's timeline above the plan it ran, as one self-contained HTML page. */
export function runReportHtml(run: RunTimeline, plan: PlanReport): string {
  const claimed = claimedPlanOf(plan.verdict);
  const detailIndex = new Map(claimed.tasks.map((task, at) => [task.id, at]));
  const start = runStartOf(run);
  const byId = new Map(run.tasks.map((task) => [task.id, task]));
  const extras = (id: string) => {
    const task = byId.get(id);
    return task ? taskRunRows(task, start) : undefined;
  };
  const goal = plan.verdict.plan.goal;
  return renderPage({
    title: `anvil run report: ${run.runId}`,
    ...(goal ? { subtitle: goal } : {}),
    sections: [runSection(run, detailIndex), planSection(plan, extras)],
  });
}
