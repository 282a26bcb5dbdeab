import type { Message } from "@anthropic-ai/sdk/resources/messages";
import { costOf } from "./prices.js";
import type { CallUsage, ModelCall } from "./types.js";

export function usageOf(message: Message): CallUsage {
  const usage = message.usage;
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadTokens: usage?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage?.cache_creation_input_tokens ?? 0,
  };
}

/** What several calls cost together, for `--explain`, the JSON output and `anvil eval`. */
export interface UsageSummary {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when any call's model has no known price. */
  costUsd: number | null;
  latencyMs: number;
}

export function summarizeUsage(calls: readonly ModelCall[]): UsageSummary {
  const summary: UsageSummary = {
    calls: calls.length,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    latencyMs: 0,
  };
  for (const call of calls) {
    summary.inputTokens += call.usage.inputTokens + call.usage.cacheReadTokens;
    summary.inputTokens += call.usage.cacheWriteTokens;
    summary.outputTokens += call.usage.outputTokens;
    summary.latencyMs += call.latencyMs;
    summary.costUsd =
      summary.costUsd === null || call.costUsd === null ? null : summary.costUsd + call.costUsd;
  }
  return summary;
}

export function callOf(
  message: Message,
  latencyMs: number,
  attempts: number,
  source: ModelCall["source"],
): ModelCall {
  const usage = usageOf(message);
  return {
    message,
    model: message.model,
    usage,
    costUsd: costOf(message.model, usage),
    latencyMs,
    attempts,
    source,
  };
}

/** "$0.0123" — a cost short enough for a summary line; "unknown price" when there is none. */
export function formatCost(costUsd: number | null): string {
  if (costUsd === null) return "unknown price";
  if (costUsd === 0) return "$0";
  return costUsd < 0.01 ? `$${costUsd.toFixed(4)}` : `$${costUsd.toFixed(3)}`;
}
