import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { ReachLevel } from "../../graph/reach.js";
import { UserError } from "../../errors.js";
import { explainVerdict } from "../../report/validate/explain.js";
import { verdictToText } from "../../report/validate/text.js";
import type { PlanVerdict } from "../../validate/index.js";
import { type Io, styleFor } from "../io.js";
import { pruneOption, validateFile } from "./lint.js";

interface PlanOptions {
  from?: string;
  repo: string;
  explain?: boolean;
  json?: boolean;
  out?: string;
  prune: ReachLevel;
  cache: boolean;
}

/**
 * `anvil plan --from PLAN`: validate a plan file and show or write the result. Planning
 * from a goal (`anvil plan "GOAL"`) plugs in at `planFromGoal`.
 */
export function registerPlan(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("plan")
    .description("validate a plan against the import graph (--from), for a person or a program")
    .argument("[goal]", "what to build (planning from a goal needs the planner)")
    .option("--from <plan>", "the plan file to validate (JSON)")
    .option("-r, --repo <dir>", "repository the plan is for", ".")
    .option("--explain", "each dependency with its verdict and evidence, import chains hop by hop")
    .option("--json", "print the verdict object (plan, edges, diagnostics, metrics)")
    .option("-o, --out <file>", "write the validated plan to this file")
    .addOption(pruneOption())
    .option("--no-cache", "ignore and do not write .anvil/cache/")
    .action(async (goal: string | undefined, options: PlanOptions) => {
      const verdict =
        options.from !== undefined
          ? await fromFile(goal, options.from, options, io)
          : await planFromGoal(goal, options);
      if (options.out !== undefined) writePlan(verdict, resolve(io.cwd, options.out));
      io.stdout(render(verdict, options, io));
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

async function planFromGoal(goal: string | undefined, _options: PlanOptions): Promise<PlanVerdict> {
  if (goal === undefined)
    throw new UserError("give a goal, or --from PLAN to validate a plan file");
  throw new UserError(
    "planning from a goal is not available in this build; write the plan yourself and run " +
      "`anvil plan --from PLAN`",
  );
}

function render(verdict: PlanVerdict, options: PlanOptions, io: Io): string {
  const name = options.from ?? "plan";
  if (options.json) return JSON.stringify(verdict, null, 2) + "\n";
  if (options.explain) return explainVerdict(verdict, name, styleFor(io));
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
