import type { ModelClient, ModelSource } from "../../model/index.js";
import { formatCost, summarizeUsage, type UsageSummary } from "../../model/index.js";
import type { PlannedGoal } from "./planner.js";

/** What `--json` adds to the verdict object: who planned, at what cost, after which repairs. */
export interface PlannerFacts {
  model: { name: string; source: ModelSource };
  usage: UsageSummary & {
    perCall: {
      inputTokens: number;
      outputTokens: number;
      costUsd: number | null;
      latencyMs: number;
      attempts: number;
      source: "api" | "replay";
    }[];
  };
  /** The problems of each rejected answer, in order. */
  repairs: string[][];
  map: { files: number; shown: number; tokens: number };
}

export function plannerFacts(client: ModelClient, planned: PlannedGoal): PlannerFacts {
  return {
    model: { name: client.model, source: client.modelSource },
    usage: {
      ...summarizeUsage(planned.calls),
      perCall: planned.calls.map((call) => ({
        inputTokens: call.usage.inputTokens,
        outputTokens: call.usage.outputTokens,
        costUsd: call.costUsd,
        latencyMs: call.latencyMs,
        attempts: call.attempts,
        source: call.source,
      })),
    },
    repairs: planned.rejected,
    map: {
      files: planned.map.totalFiles,
      shown: planned.map.shown.length,
      tokens: planned.map.tokens,
    },
  };
}

const SOURCE_WORDS: Record<ModelSource, string> = {
  flag: "--model",
  env: "ANVIL_MODEL",
  config: "config file",
  default: "the default",
  recording: "the recording",
};

/** The lines `--explain` prints above the verdict. */
export function explainPlanner(facts: PlannerFacts): string {
  const u = facts.usage;
  const calls = `${u.calls} call${u.calls === 1 ? "" : "s"}`;
  const lines = [
    `Planned by ${facts.model.name} (${SOURCE_WORDS[facts.model.source]}): ${calls}, ` +
      `${u.inputTokens.toLocaleString("en-US")} tokens in, ` +
      `${u.outputTokens.toLocaleString("en-US")} out, ${estimated(u.costUsd)}, ` +
      `${(u.latencyMs / 1000).toFixed(1)}s`,
    `Repository map: ${facts.map.shown} of ${facts.map.files} files, ~${facts.map.tokens} tokens`,
  ];
  facts.repairs.forEach((problems, index) => {
    lines.push(`Answer ${index + 1} sent back for repair:`);
    for (const problem of problems) lines.push(`  ${problem}`);
  });
  return lines.join("\n") + "\n\n";
}

function estimated(costUsd: number | null): string {
  return costUsd === null ? "cost unknown (no price for this model)" : `~${formatCost(costUsd)}`;
}
