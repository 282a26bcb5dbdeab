export { chooseModel, CONFIG_FILE, DEFAULT_MODEL, type ModelChoice } from "./choose.js";
export {
  createModelClient,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type ModelClientOptions,
} from "./client.js";
export { costOf, priceOf, PRICES, type Price } from "./prices.js";
export { readRecording, requestDigest, type RecordedCall, type Recording } from "./recording.js";
export { redact } from "./redact.js";
export type { CallUsage, ModelCall, ModelClient, ModelParams, ModelSource } from "./types.js";
export { formatCost, summarizeUsage, type UsageSummary } from "./usage.js";
