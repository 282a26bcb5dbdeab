import type { Style } from "../../cli/io.js";
import type { Diagnostic } from "../../plan/diagnostics.js";
import type { PlanVerdict } from "../../validate/types.js";
import { countsLine, paintVerdict, plural, summaryLine } from "./words.js";

/** `anvil lint`'s default output: one line per edge and per diagnostic, then the summary. */
export function verdictToText(verdict: PlanVerdict, name: string, style: Style): string {
  const lines = [
    `${style.bold(name)}: ${plural(verdict.metrics.tasks, "task")}, ${countsLine(verdict)} ` +
      style.dim(`(import chains at the ${verdict.prune} level)`),
  ];
  for (const edge of verdict.edges) {
    const pair = `${JSON.stringify(edge.task)} ← ${JSON.stringify(edge.dependsOn)}`;
    let line = `  ${paintVerdict(edge.verdict, style)} ${pair.padEnd(12)} ${edge.evidence}: ${edge.detail}`;
    if (edge.settle) line += style.dim(` (to settle: ${edge.settle})`);
    lines.push(line);
  }
  for (const diagnostic of verdict.diagnostics) lines.push(diagnosticLine(diagnostic, style));
  lines.push(summaryLine(verdict.metrics));
  return lines.join("\n") + "\n";
}

export function diagnosticLine(diagnostic: Diagnostic, style: Style): string {
  const label =
    diagnostic.severity === "error"
      ? style.red("error")
      : diagnostic.severity === "warning"
        ? style.yellow("warning")
        : style.dim("note");
  return `${label} ${diagnostic.message} ${style.dim(`[${diagnostic.code}]`)}`;
}
