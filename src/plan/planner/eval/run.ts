import { join } from "node:path";
import { ServiceError } from "../../../errors.js";
import { analyzeRepo } from "../../../graph/analyze.js";
import type { ReachLevel } from "../../../graph/reach.js";
import type { RepoGraph } from "../../../graph/repo-graph.js";
import {
  createModelClient,
  type ModelCall,
  summarizeUsage,
  type UsageSummary,
} from "../../../model/index.js";
import { validatePlan } from "../../../validate/index.js";
import { planGoal, PlanningFailed } from "../planner.js";
import { checkOrders, type OrderCheck } from "./orders.js";
import { recordedModels, recordedTries, safeName } from "./recorded.js";
import type { EvalCase } from "./suite.js";

export interface EvalOptions {
  cases: EvalCase[];
  /** Empty with `replayDir`: every model recorded there. */
  models: string[];
  /** Undefined with `replayDir`: as many tries as were recorded. */
  tries?: number;
  env: Record<string, string | undefined>;
  replayDir?: string;
  recordDir?: string;
  repair?: number;
  mapTokens?: number;
  prune?: ReachLevel;
  timeoutMs?: number;
  maxRetries?: number;
  /** Called after each run, for progress lines. */
  onRun?: (run: EvalRun) => void;
  onNotice?: (text: string) => void;
}

/** The shape of a plan before or after validation. */
export interface PlanShape extends OrderCheck {
  edges: number;
  criticalPath: number;
  width: number;
}

/** One try of one model on one case. */
export interface EvalRun {
  case: string;
  model: string;
  try: number;
  /** Answers rejected (schema, rules, files) and sent back for repair. */
  rejectedAnswers: number;
  /** Why no plan came out, when none did. */
  failure?: string;
  raw?: PlanShape;
  validated?: PlanShape;
  pruned: number;
  added: number;
  usage: UsageSummary;
}

/** Runs the planner for each model × case × try, validating and scoring every plan. */
export async function runEval(options: EvalOptions): Promise<EvalRun[]> {
  const models = options.models.length > 0 ? options.models : recordedModels(options);
  const graphs = new Map<string, RepoGraph>();
  const runs: EvalRun[] = [];
  for (const model of models) {
    for (const evalCase of options.cases) {
      let graph = graphs.get(evalCase.name);
      if (!graph) {
        graph = await analyzeRepo(evalCase.repo, { cache: false });
        graphs.set(evalCase.name, graph);
      }
      const tries = options.tries ?? recordedTries(options, evalCase.name, model);
      for (let attempt = 1; attempt <= tries; attempt++) {
        const run = await runOnce(options, evalCase, graph, model, attempt);
        runs.push(run);
        options.onRun?.(run);
      }
    }
  }
  return runs;
}

async function runOnce(
  options: EvalOptions,
  evalCase: EvalCase,
  graph: RepoGraph,
  model: string,
  attempt: number,
): Promise<EvalRun> {
  const file = (dir: string) => join(dir, evalCase.name, safeName(model), `${attempt}.json`);
  const client = createModelClient({
    choice: { model, source: "flag" },
    env: options.env,
    ...(options.replayDir ? { replay: file(options.replayDir) } : {}),
    ...(options.recordDir ? { record: file(options.recordDir) } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    recordingNote: `anvil eval: case ${evalCase.name}, model ${model}, try ${attempt}`,
    ...(options.onNotice ? { onNotice: options.onNotice } : {}),
  });
  const base = { case: evalCase.name, model, try: attempt, pruned: 0, added: 0 };
  try {
    const planned = await planGoal({
      goal: evalCase.goal,
      graph,
      client,
      ...(options.repair !== undefined ? { repair: options.repair } : {}),
      ...(options.mapTokens ? { mapTokens: options.mapTokens } : {}),
    });
    const verdict = validatePlan(planned.plan, graph, {
      ...(options.prune ? { prune: options.prune } : {}),
      diagnostics: planned.diagnostics,
    });
    const m = verdict.metrics;
    return {
      ...base,
      rejectedAnswers: planned.rejected.length,
      raw: shape(m.edgesBefore, m.criticalPathBefore, m.widthBefore, planned.plan, evalCase),
      validated: shape(m.edgesAfter, m.criticalPathAfter, m.widthAfter, verdict.plan, evalCase),
      pruned: verdict.edges.filter((e) => e.verdict === "pruned").length,
      added: verdict.edges.filter((e) => e.verdict === "added").length,
      usage: summarizeUsage(planned.calls),
    };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    const calls: ModelCall[] = error instanceof PlanningFailed ? error.calls : [];
    const rejected = error instanceof PlanningFailed ? error.rejected.length : 0;
    return {
      ...base,
      rejectedAnswers: rejected,
      failure: error.message,
      usage: summarizeUsage(calls),
    };
  }
}

function shape(
  edges: number,
  criticalPath: number,
  width: number,
  plan: Parameters<typeof checkOrders>[0],
  evalCase: EvalCase,
): PlanShape {
  return { edges, criticalPath, width, ...checkOrders(plan, evalCase) };
}
