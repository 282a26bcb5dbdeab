import { formatCost } from "../../../model/index.js";
import type { EvalRun, PlanShape } from "./run.js";

/** What one model did over every case and try. */
export interface ModelSummary {
  model: string;
  runs: number;
  /** Runs that ended with a usable plan. */
  plans: number;
  rejectedAnswers: number;
  /** Runs whose plan came only after at least one repair. */
  repairedRuns: number;
  /** Means over the runs with a plan. */
  raw: Omit<PlanShape, "falseOrders" | "missingOrders">;
  validated: Omit<PlanShape, "falseOrders" | "missingOrders">;
  pruned: number;
  added: number;
  /** Sums over the runs with a plan. */
  falseOrders: { raw: number; validated: number };
  missingOrders: { raw: number; validated: number };
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  /** Mean model time for one plan, repairs included. */
  latencyMs: number;
}

export function summarize(runs: readonly EvalRun[]): ModelSummary[] {
  const models = [...new Set(runs.map((run) => run.model))];
  return models.map((model) =>
    summarizeModel(
      model,
      runs.filter((r) => r.model === model),
    ),
  );
}

function summarizeModel(model: string, runs: EvalRun[]): ModelSummary {
  const planned = runs.filter((run) => run.raw && run.validated);
  const mean = (pick: (run: EvalRun) => number) =>
    planned.length === 0 ? 0 : planned.reduce((sum, run) => sum + pick(run), 0) / planned.length;
  const sum = (pick: (run: EvalRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const costs = runs.map((run) => run.usage.costUsd);
  return {
    model,
    runs: runs.length,
    plans: planned.length,
    rejectedAnswers: sum((run) => run.rejectedAnswers),
    repairedRuns: planned.filter((run) => run.rejectedAnswers > 0).length,
    raw: {
      edges: mean((run) => run.raw!.edges),
      criticalPath: mean((run) => run.raw!.criticalPath),
      width: mean((run) => run.raw!.width),
    },
    validated: {
      edges: mean((run) => run.validated!.edges),
      criticalPath: mean((run) => run.validated!.criticalPath),
      width: mean((run) => run.validated!.width),
    },
    pruned: sum((run) => run.pruned),
    added: sum((run) => run.added),
    falseOrders: {
      raw: sum((run) => run.raw?.falseOrders ?? 0),
      validated: sum((run) => run.validated?.falseOrders ?? 0),
    },
    missingOrders: {
      raw: sum((run) => run.raw?.missingOrders ?? 0),
      validated: sum((run) => run.validated?.missingOrders ?? 0),
    },
    inputTokens: sum((run) => run.usage.inputTokens),
    outputTokens: sum((run) => run.usage.outputTokens),
    costUsd: costs.some((cost) => cost === null) ? null : costs.reduce((a, b) => a! + b!, 0),
    latencyMs: runs.length === 0 ? 0 : sum((run) => run.usage.latencyMs) / runs.length,
  };
}

/** One block per model, for a person. */
export function formatSummaries(summaries: readonly ModelSummary[]): string {
  return summaries.map(formatSummary).join("\n");
}

function formatSummary(s: ModelSummary): string {
  const n = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
  const arrow = (key: keyof ModelSummary["raw"]) => `${n(s.raw[key])} → ${n(s.validated[key])}`;
  const failed = s.runs - s.plans;
  return (
    [
      `${s.model}: ${s.runs} run${s.runs === 1 ? "" : "s"}`,
      `  plans           ${s.plans} usable, ${failed} without a plan; ` +
        `${s.rejectedAnswers} answers rejected, ${s.repairedRuns} runs repaired`,
      `  critical path   ${arrow("criticalPath")} tasks (raw → validated, mean)`,
      `  width           ${arrow("width")} tasks at once`,
      `  edges           ${arrow("edges")}; ${s.pruned} pruned, ${s.added} added`,
      `  false orders    ${s.falseOrders.raw} → ${s.falseOrders.validated} ` +
        "(pairs ordered though nothing links them)",
      `  missing orders  ${s.missingOrders.raw} → ${s.missingOrders.validated} ` +
        "(pairs that interact but may run at once)",
      `  usage           ${s.inputTokens.toLocaleString("en-US")} tokens in, ` +
        `${s.outputTokens.toLocaleString("en-US")} out, ${formatCost(s.costUsd)}, ` +
        `${(s.latencyMs / 1000).toFixed(1)}s a run`,
    ].join("\n") + "\n"
  );
}
