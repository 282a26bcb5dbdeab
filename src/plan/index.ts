export type { Plan, Task } from "./types.js";
export type { Diagnostic, Severity } from "./diagnostics.js";
export { checkPlan, loadPlan, parsePlan } from "./load.js";
export type { LoadedPlan, PlanCheck, PlanSource } from "./load.js";
export { planJsonSchema } from "./json-schema.js";
export { parseSymbolRef, type PlanSymbol } from "./symbol-ref.js";
export { findCycle } from "./rules/cycles.js";
