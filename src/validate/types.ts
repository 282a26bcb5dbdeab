import type { ReachLevel } from "../graph/reach.js";
import type { Hop } from "../graph/types.js";
import type { Diagnostic } from "../plan/diagnostics.js";
import type { Plan } from "../plan/types.js";
import type { EvidenceKind } from "./evidence.js";

export type { EvidenceKind };

/**
 * - `kept`: the tasks can interact (or the graph cannot tell); the edge stays.
 * - `pruned`: the graph proves they cannot; the edge is removed.
 * - `added`: an order the plan needs but no longer has (or never had); the edge is new.
 * - `redundant`: the tasks interact, but a longer path already orders them; it stays.
 */
export type VerdictKind = "kept" | "pruned" | "added" | "redundant";

/** The words behind a verdict: what links the tasks, or that nothing does. */
export interface Evidence {
  kind: EvidenceKind;
  /** One sentence for a person. */
  detail: string;
  /** For `import` evidence: the chain of imports, file and line per hop. */
  chain?: Hop[];
  /** For `unknown` evidence: the declaration (or fix) that would let the graph decide. */
  settle?: string;
}

/** One dependency, claimed or added: `task` depends on `dependsOn`. */
export interface EdgeVerdict {
  task: string;
  dependsOn: string;
  verdict: VerdictKind;
  evidence: EvidenceKind;
  detail: string;
  chain?: Hop[];
  settle?: string;
}

export interface PlanMetrics {
  tasks: number;
  edgesBefore: number;
  edgesAfter: number;
  /** Tasks on the longest dependency chain. */
  criticalPathBefore: number;
  criticalPathAfter: number;
  /** The most tasks that can run at once. */
  widthBefore: number;
  widthAfter: number;
}

/** The validator's answer: `anvil plan --json` and `anvil lint --format json` print it. */
export interface PlanVerdict {
  /** The validated plan: pruned edges removed, added edges in. */
  plan: Plan;
  /** Every claimed edge in plan order, then the added ones. */
  edges: EdgeVerdict[];
  diagnostics: Diagnostic[];
  metrics: PlanMetrics;
  /** How far import chains counted. */
  prune: ReachLevel;
}
