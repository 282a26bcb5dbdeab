import type { Style } from "../../cli/io.js";
import type { PlanMetrics, PlanVerdict, VerdictKind } from "../../validate/types.js";

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** "critical path 7 → 3, width 1 → 3": what validation won, in one line. */
export function summaryLine(metrics: PlanMetrics): string {
  return (
    `critical path ${metrics.criticalPathBefore} → ${metrics.criticalPathAfter}, ` +
    `width ${metrics.widthBefore} → ${metrics.widthAfter}`
  );
}

/** "6 edges: 2 kept, 1 redundant, 3 pruned; 2 added". */
export function countsLine(verdict: PlanVerdict): string {
  const count = (kind: VerdictKind) => verdict.edges.filter((e) => e.verdict === kind).length;
  const claimed = verdict.metrics.edgesBefore;
  const parts = [`${count("kept")} kept`];
  if (count("redundant") > 0) parts.push(`${count("redundant")} redundant`);
  parts.push(`${count("pruned")} pruned`);
  return `${plural(claimed, "edge")}: ${parts.join(", ")}; ${count("added")} added`;
}

export function paintVerdict(kind: VerdictKind, style: Style): string {
  const padded = kind.padEnd(9);
  if (kind === "pruned") return style.yellow(padded);
  if (kind === "added") return style.cyan(padded);
  if (kind === "redundant") return style.dim(padded);
  return style.green(padded);
}

/** Whether lint has something to report: an edge pruned or added, or a warning. */
export function hasFindings(verdict: PlanVerdict): boolean {
  return (
    verdict.edges.some((e) => e.verdict === "pruned" || e.verdict === "added") ||
    verdict.diagnostics.some((d) => d.severity !== "info")
  );
}
