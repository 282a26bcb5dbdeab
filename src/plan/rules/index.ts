import { DiagnosticSink, type Diagnostic } from "../diagnostics.js";
import type { Plan } from "../types.js";
import type { Rule } from "./context.js";
import { cycles } from "./cycles.js";
import { noWrites, symbolRefs } from "./declarations.js";
import { duplicateIds, selfDependencies, unknownDependencies } from "./ids.js";
import { pathsInsideRepo } from "./paths.js";

/** Rules about the shape of the task graph; they need nothing but the plan. */
export const STRUCTURE_RULES: readonly Rule[] = [
  duplicateIds,
  unknownDependencies,
  selfDependencies,
  cycles,
];

/** Every rule, in the order their findings are reported. */
export const PLAN_RULES: readonly Rule[] = [
  ...STRUCTURE_RULES,
  pathsInsideRepo,
  noWrites,
  symbolRefs,
];

export function runRules(plan: Plan, rules: readonly Rule[], repoRoot?: string): Diagnostic[] {
  const sink = new DiagnosticSink();
  const ctx = repoRoot === undefined ? { plan, sink } : { plan, sink, repoRoot };
  for (const rule of rules) rule(ctx);
  return sink.all;
}
