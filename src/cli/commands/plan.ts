import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { analyzeRepo } from "../../graph/analyze.js";
import type { ReachLevel } from "../../graph/reach.js";
import { UserError } from "../../errors.js";
import {
  DEFAULT_MAP_TOKENS,
  DEFAULT_REPAIRS,
  explainPlanner,
  planGoal,
  plannerFacts,
  type PlannerFacts,
} from "../../plan/planner/index.js";
import { explainVerdict } from "../../report/validate/explain.js";
import { verdictToText } from "../../report/validate/text.js";
import { type PlanVerdict, validatePlan } from "../../validate/index.js";
import { type Io, styleFor } from "../io.js";
import {
  addModelOptions,
  type ModelCliOptions,
  modelClientFor,
  parseCount,
} from "../model-options.js";
import { pruneOption, validateFile } from "./lint.js";
import { writePlanReport } from "./report.js";

interface PlanOptions extends ModelCliOptions {
  from?: string;
  repo: string;
  explain?: boolean;
  json?: boolean;
  out?: string;
  report?: string;
  prune: ReachLevel;
  cache: boolean;
  repair?: number;
  mapTokens?: number;
}

/** A validated plan, and who planned it when a model did. */
interface Planned {
  verdict: PlanVerdict;
  planner?: PlannerFacts;
}

/**
 * `anvil plan "GOAL"`: ask the configured model for a plan, validate it, show or write the
 * result. `anvil plan --from PLAN`: the same for a plan file.
 */
export function registerPlan(program: Command, io: Io, setCode: (code: number) => void): void {
  const command = program
    .command("plan")
    .description(
      "plan a goal with a model (or take --from PLAN) and validate it against the import graph",
    )
    .argument("[goal]", "what to build; the model breaks it into tasks")
    .option("--from <plan>", "the plan file to validate (JSON)")
    .option("-r, --repo <dir>", "repository the plan is for", ".")
    .option("--explain", "each dependency with its verdict and evidence, import chains hop by hop")
    .option("--json", "print the verdict object (plan, edges, diagnostics, metrics)")
    .option("-o, --out <file>", "write the validated plan to this file")
    .option("--report <file>", "also draw the plan before and after validation as an HTML page")
    .addOption(pruneOption())
    .option("--no-cache", "ignore and do not write .anvil/cache/");
  addModelOptions(command)
    .option(
      "--repair <n>",
      `times a rejected answer goes back to the model (default ${DEFAULT_REPAIRS})`,
      parseCount,
    )
    .option(
      "--map-tokens <n>",
      `token budget of the repository map (default ${DEFAULT_MAP_TOKENS})`,
      parseCount,
    )
    .addHelpText(
      "after",
      "\nThe key comes from ANTHROPIC_API_KEY (ANTHROPIC_BASE_URL is honoured); --replay needs none.\n" +
        "Exit codes: 0 planned and validated, 2 bad input or no key, 3 the model API failed after\n" +
        "retries or gave no usable plan after --repair attempts.",
    )
    .action(async (goal: string | undefined, options: PlanOptions) => {
      const planned: Planned =
        options.from !== undefined
          ? { verdict: await fromFile(goal, options.from, options, io) }
          : await planFromGoal(goal, options, io);
      if (options.out !== undefined) writePlan(planned.verdict, resolve(io.cwd, options.out));
      if (options.report !== undefined)
        writePlanReport(resolve(io.cwd, options.report), planned.verdict, options.from);
      io.stdout(render(planned, options, io));
      setCode(0);
    });
}

async function fromFile(
  goal: string | undefined,
  from: string,
  options: PlanOptions,
  io: Io,
): Promise<PlanVerdict> {
  if (goal !== undefined) throw new UserError("give either a goal or --from PLAN, not both");
  if (options.explain && options.json) throw new UserError("choose one of --explain and --json");
  return (await validateFile(from, options, io)).verdict;
}

async function planFromGoal(
  goal: string | undefined,
  options: PlanOptions,
  io: Io,
): Promise<Planned> {
  if (goal === undefined || !goal.trim()) {
    throw new UserError("give a goal, or --from PLAN to validate a plan file");
  }
  if (options.explain && options.json) throw new UserError("choose one of --explain and --json");
  const root = resolve(io.cwd, options.repo);
  // Before the analysis, so a missing key fails at once.
  const client = modelClientFor(resolvePaths(options, io), io, [root, io.cwd]);
  const graph = await analyzeRepo(root, { cache: options.cache });
  const planned = await planGoal({
    goal: goal.trim(),
    graph,
    client,
    ...(options.repair !== undefined ? { repair: options.repair } : {}),
    ...(options.mapTokens !== undefined ? { mapTokens: options.mapTokens } : {}),
  });
  const verdict = validatePlan(planned.plan, graph, {
    prune: options.prune,
    diagnostics: planned.diagnostics,
  });
  return { verdict, planner: plannerFacts(client, planned) };
}

function resolvePaths(options: PlanOptions, io: Io): ModelCliOptions {
  return {
    ...options,
    ...(options.record ? { record: resolve(io.cwd, options.record) } : {}),
    ...(options.replay ? { replay: resolve(io.cwd, options.replay) } : {}),
  };
}

function render({ verdict, planner }: Planned, options: PlanOptions, io: Io): string {
  const name = options.from ?? "plan";
  if (options.json) return JSON.stringify({ ...verdict, ...planner }, null, 2) + "\n";
  if (options.explain) {
    const header = planner ? explainPlanner(planner) : "";
    return header + explainVerdict(verdict, name, styleFor(io));
  }
  return verdictToText(verdict, name, styleFor(io));
}

function writePlan(verdict: PlanVerdict, file: string): void {
  try {
    writeFileSync(file, JSON.stringify(verdict.plan, null, 2) + "\n");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UserError(`cannot write the validated plan to ${file}: ${code}`);
  }
}
