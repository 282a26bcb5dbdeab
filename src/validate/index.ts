export { DEFAULT_PRUNE, validatePlan, type ValidateOptions } from "./validate.js";
export type {
  EdgeVerdict,
  Evidence,
  EvidenceKind,
  PlanMetrics,
  PlanVerdict,
  VerdictKind,
} from "./types.js";
