export { checkOrders, type OrderCheck } from "./orders.js";
export { DEFAULT_TRIES } from "./recorded.js";
export { runEval, type EvalOptions, type EvalRun, type PlanShape } from "./run.js";
export { loadSuite, type EvalCase } from "./suite.js";
export { formatSummaries, summarize, type ModelSummary } from "./summary.js";
