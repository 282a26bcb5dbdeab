import { existsSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { UserError } from "../../errors.js";
import type { RunSummary } from "../../execute/summary.js";
import { analyzeRepo } from "../../graph/analyze.js";
import type { ReachLevel } from "../../graph/reach.js";
import type { Plan } from "../../plan/types.js";
import {
  type PlanReport,
  planReportHtml,
  runReportHtml,
  timelineFromSummary,
} from "../../report/html/index.js";
import { loadRunTimeline } from "../../report/html/run-source.js";
import { DEFAULT_PRUNE, type PlanVerdict, validatePlan } from "../../validate/index.js";
import type { Io } from "../io.js";
import { pruneOption, validateFile } from "./lint.js";

interface ReportOptions {
  repo: string;
  out: string;
  prune: ReachLevel;
  cache: boolean;
}

export function registerReport(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("report")
    .description("draw a plan (before and after validation) or a run (timeline) as one HTML file")
    .argument("<plan|run-id>", "a plan file (JSON), or the id of a run kept in .anvil/runs/")
    .requiredOption("-o, --out <file>", "the HTML file to write")
    .option("-r, --repo <dir>", "repository the plan or run is for", ".")
    .addOption(pruneOption())
    .option("--no-cache", "ignore and do not write .anvil/cache/")
    .addHelpText(
      "after",
      "\nThe page is self-contained (inline SVG, CSS and script) and fetches nothing. A run's\n" +
        "report draws the plan it ran, validated again against the repository as it is now.",
    )
    .action(async (target: string, options: ReportOptions) => {
      const file = resolve(io.cwd, target);
      const isPlanFile = existsSync(file) && statSync(file).isFile();
      const page = isPlanFile
        ? planReportHtml(planReport((await validateFile(target, options, io)).verdict, target))
        : await runPage(target, options, io);
      writeReport(resolve(io.cwd, options.out), page);
      io.stdout(`wrote ${options.out}\n`);
      setCode(0);
    });
}

/** `anvil plan --report FILE`: the verdict the command just printed, drawn. */
export function writePlanReport(file: string, verdict: PlanVerdict, source?: string): void {
  writeReport(file, planReportHtml(planReport(verdict, source)));
}

/**
 * `anvil run --report FILE`: the run just finished. A real run is read back from its state
 * and event log; a dry run keeps none, so its summary draws it. The plan is validated again
 * on the same repository, as the run did before starting.
 */
export async function writeRunReport(
  file: string,
  summary: RunSummary,
  planFile: string | undefined,
  options: { repo: string; prune?: ReachLevel; cache?: boolean },
  io: Io,
): Promise<void> {
  const validate = {
    repo: options.repo,
    prune: options.prune ?? DEFAULT_PRUNE,
    cache: options.cache ?? true,
  };
  if (summary.runId === "dry-run" && planFile !== undefined) {
    const { verdict } = await validateFile(planFile, validate, io);
    const timeline = timelineFromSummary(summary, verdict.plan);
    writeReport(file, runReportHtml(timeline, planReport(verdict, planFile)));
    return;
  }
  writeReport(file, await runPage(summary.runId, { ...validate, planFile }, io));
}

async function runPage(
  runId: string,
  options: { repo: string; prune: ReachLevel; cache: boolean; planFile?: string | undefined },
  io: Io,
): Promise<string> {
  const repo = resolve(io.cwd, options.repo);
  if (!/^[\w.-]+$/.test(runId) || !existsSync(join(repo, ".anvil", "runs", runId))) {
    throw new UserError(
      `${runId}: no plan file of that name, and no run of that id in ${join(repo, ".anvil", "runs")} (see \`anvil runs\`)`,
    );
  }
  const { state, timeline } = await loadRunTimeline(repo, runId);
  const verdict = options.planFile
    ? (await validateFile(options.planFile, options, io)).verdict
    : await revalidate(state.plan, repo, options);
  return runReportHtml(timeline, planReport(verdict, options.planFile ?? `run ${state.runId}`));
}

/** The plan a run ran is already validated: validating it again gives each edge its evidence. */
async function revalidate(
  plan: Plan,
  repo: string,
  options: { prune: ReachLevel; cache: boolean },
): Promise<PlanVerdict> {
  const graph = await analyzeRepo(repo, { cache: options.cache });
  return validatePlan(plan, graph, { prune: options.prune });
}

function planReport(verdict: PlanVerdict, source: string | undefined): PlanReport {
  return source === undefined ? { verdict } : { verdict, source };
}

function writeReport(file: string, page: string): void {
  try {
    writeFileSync(file, page);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UserError(`cannot write the report to ${file}: ${code}`);
  }
}
