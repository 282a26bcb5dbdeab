import type { CallUsage } from "./types.js";

/** USD per million tokens. `longPrompt` applies to requests whose prompt exceeds `above`. */
export interface Price {
  input: number;
  output: number;
  longPrompt?: { above: number; input: number; output: number };
}

/**
 * Published list prices, checked against platform.claude.com (models overview and each
 * model's page) for the SDK's model list of 1.16.0. Cache reads cost 0.1× and 5-minute cache
 * writes 1.25× the input price. A model missing here gets no estimate, never a guess.
 */
export const PRICES: Readonly<Record<string, Price>> = {
  "claude-fable-5-2": { input: 8, output: 40 },
  "claude-fable-5-1": { input: 10, output: 50 },
  "claude-fable-5": { input: 10, output: 50 },
  "claude-opus-5-5": { input: 4, output: 20 },
  "claude-opus-5": { input: 5, output: 25 },
  "claude-opus-4-8": { input: 5, output: 25 },
  "claude-opus-4-7": { input: 5, output: 25 },
  "claude-opus-4-6": { input: 5, output: 25 },
  "claude-opus-4-5": { input: 5, output: 25 },
  "claude-sonnet-5-5": { input: 2, output: 10 },
  "claude-sonnet-5": { input: 2, output: 10 },
  "claude-sonnet-4-6": { input: 3, output: 15 },
  "claude-haiku-5-5": {
    input: 0.1,
    output: 0.5,
    longPrompt: { above: 100_000, input: 0.5, output: 2.5 },
  },
  "claude-haiku-4-5": { input: 1, output: 5 },
};

const CACHE_READ = 0.1;
const CACHE_WRITE = 1.25;

/** The price of a model id, also for dated snapshots (`claude-haiku-4-5-20251001`). */
export function priceOf(model: string): Price | undefined {
  return PRICES[model] ?? PRICES[model.replace(/-\d{8}$/, "")];
}

/** Estimated cost in USD of one call, or null when the model has no known price. */
export function costOf(model: string, usage: CallUsage): number | null {
  const price = priceOf(model);
  if (!price) return null;
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const rate = price.longPrompt && prompt > price.longPrompt.above ? price.longPrompt : price;
  const inputCost =
    usage.inputTokens * rate.input +
    usage.cacheReadTokens * rate.input * CACHE_READ +
    usage.cacheWriteTokens * rate.input * CACHE_WRITE;
  return (inputCost + usage.outputTokens * rate.output) / 1_000_000;
}
