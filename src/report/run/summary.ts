import type { Style } from "../../cli/io.js";
import type { RunSummary, TaskSummary } from "../../execute/summary.js";
import { plural, seconds } from "./lines.js";

/** The end of a run as a person reads it: each task, the timings, and what to do next. */
export function formatRunSummary(summary: RunSummary, style: Style): string {
  const lines = ["", headline(summary, style)];
  const width = Math.max(...summary.tasks.map((t) => t.id.length), 2);
  for (const task of summary.tasks) lines.push(taskLine(task, width, style));
  lines.push("", timings(summary));
  lines.push(...nextSteps(summary, style));
  return lines.join("\n") + "\n";
}

function headline(summary: RunSummary, style: Style): string {
  const counts = new Map<string, number>();
  for (const task of summary.tasks) counts.set(task.status, (counts.get(task.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
  const colour = summary.status === "succeeded" ? style.green : style.red;
  const name = summary.resultBranch ? `run ${summary.runId}` : "dry run";
  return `${style.bold(name)}: ${colour(summary.status)} (${plural(summary.tasks.length, "task")}: ${parts})`;
}

function taskLine(task: TaskSummary, width: number, style: Style): string {
  const took =
    task.startedAt && task.finishedAt
      ? seconds(Date.parse(task.finishedAt) - Date.parse(task.startedAt))
      : "";
  const status = task.status === "succeeded" ? style.green(task.status) : style.red(task.status);
  const detail =
    task.status === "succeeded"
      ? `${took.padEnd(9)} ${task.changedFiles.join(", ")}`
      : (task.reason ?? "");
  const branch = task.branch && task.status !== "succeeded" ? style.dim(`  [${task.branch}]`) : "";
  return `  ${task.id.padEnd(width)}  ${status}${" ".repeat(Math.max(1, 12 - task.status.length))}${detail}${branch}`;
}

function timings(summary: RunSummary): string {
  return (
    `wall ${seconds(summary.wall * 1000)} · task time ${seconds(summary.taskTime * 1000)} · ` +
    `parallelism ${summary.parallelism.toFixed(1)}×`
  );
}

function nextSteps(summary: RunSummary, style: Style): string[] {
  const lines: string[] = [];
  if (summary.missingEdges.length > 0) {
    lines.push(
      "",
      style.yellow("The plan should declare these dependencies (a new import broke a prune):"),
    );
    for (const edge of summary.missingEdges) {
      lines.push(
        `  task ${edge.task} depends on task ${edge.after}: ${edge.file}:${edge.line} imports ` +
          `${edge.target}, which reaches ${edge.written}`,
      );
    }
  }
  if (summary.uncommitted.length > 0) {
    lines.push(
      "",
      style.yellow(`Not part of the base (uncommitted when the run started, --allow-dirty):`),
      ...summary.uncommitted.slice(0, 10).map((c) => `  ${c}`),
    );
  }
  if (!summary.resultBranch) return lines;
  lines.push("");
  if (summary.applied)
    lines.push(
      summary.applied.ok
        ? style.green(summary.applied.message)
        : style.yellow(summary.applied.message),
    );
  if (summary.status === "interrupted") {
    lines.push(`Interrupted. Finish it with: anvil run --resume ${summary.runId}`);
  } else if (!summary.applied?.ok) {
    lines.push(`Results are on branch ${summary.resultBranch}: git merge ${summary.resultBranch}`);
  }
  return lines;
}
