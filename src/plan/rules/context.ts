import type { DiagnosticSink } from "../diagnostics.js";
import type { Plan } from "../types.js";

/** What a rule sees: the normalized plan, where to report, and the repository if known. */
export interface RuleContext {
  plan: Plan;
  sink: DiagnosticSink;
  /** Absolute repository root; path rules that need the file system skip without it. */
  repoRoot?: string;
}

export type Rule = (ctx: RuleContext) => void;
