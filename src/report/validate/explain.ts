import type { Style } from "../../cli/io.js";
import type { Task } from "../../plan/types.js";
import type { EdgeVerdict, PlanVerdict } from "../../validate/types.js";
import { describeHop } from "../graph/json.js";
import { diagnosticLine } from "./text.js";
import { countsLine, paintVerdict, plural, summaryLine } from "./words.js";

/**
 * `anvil plan --explain`: for each task, each dependency with its verdict and evidence
 * (the import chain hop by hop; for `unknown`, the declaration that would settle it).
 */
export function explainVerdict(verdict: PlanVerdict, name: string, style: Style): string {
  const titles = new Map(verdict.plan.tasks.map((task) => [task.id, task.title]));
  const lines = [
    `${style.bold(name)}: ${plural(verdict.metrics.tasks, "task")}, ${countsLine(verdict)}`,
    style.dim(`Import chains count at the ${verdict.prune} level (--prune).`),
  ];
  for (const task of verdict.plan.tasks) {
    const edges = verdict.edges.filter((edge) => edge.task === task.id);
    if (edges.length === 0) continue;
    lines.push("", `${style.bold(`task ${JSON.stringify(task.id)}`)} ${task.title}`);
    for (const edge of edges) lines.push(...explainEdge(edge, titles, style));
  }
  const independent = verdict.plan.tasks.filter((t) => t.depends_on.length === 0);
  if (independent.length > 0) {
    lines.push("", `Can start at once: ${independent.map(taskLabel).join(", ")}`);
  }
  if (verdict.diagnostics.length > 0) lines.push("");
  for (const diagnostic of verdict.diagnostics) lines.push(diagnosticLine(diagnostic, style));
  lines.push("", style.bold(summaryLine(verdict.metrics)));
  return lines.join("\n") + "\n";
}

function explainEdge(
  edge: EdgeVerdict,
  titles: ReadonlyMap<string, string>,
  style: Style,
): string[] {
  const target = `${JSON.stringify(edge.dependsOn)} ${titles.get(edge.dependsOn) ?? ""}`.trim();
  const lines = [
    `  ${paintVerdict(edge.verdict, style)} depends on ${target} ${style.dim(`(${edge.evidence})`)}`,
    `      ${edge.detail}${edge.chain ? ":" : ""}`,
  ];
  for (const hop of edge.chain ?? []) lines.push(`        ${describeHop(hop)}`);
  if (edge.settle) lines.push(`      ${style.cyan("to settle:")} ${edge.settle}`);
  return lines;
}

function taskLabel(task: Task): string {
  return JSON.stringify(task.id);
}
