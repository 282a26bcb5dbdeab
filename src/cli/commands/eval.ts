import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { ExitCode } from "../../errors.js";
import { REACH_LEVELS, type ReachLevel } from "../../graph/reach.js";
import {
  formatSummaries,
  loadSuite,
  runEval,
  summarize,
  type EvalRun,
} from "../../plan/planner/eval/index.js";
import type { Io } from "../io.js";
import { parseCount, parseSeconds } from "../model-options.js";

/** The suite that ships with anvil, found from this file so any working directory works. */
const BUILTIN_SUITE = fileURLToPath(new URL("../../../fixtures/eval", import.meta.url));

interface EvalCliOptions {
  suite: string;
  case?: string[];
  model?: string[];
  tries?: number;
  replayDir?: string;
  recordDir?: string;
  repair?: number;
  mapTokens?: number;
  prune?: ReachLevel;
  timeout?: number;
  retries?: number;
  json?: boolean;
}

export function registerEval(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("eval")
    .description(
      "measure models as planners: how chained their plans are and what validation recovers",
    )
    .addOption(
      new Option("--suite <dir>", "eval suite: <case>/case.json and <case>/repo/").default(
        BUILTIN_SUITE,
        "anvil's own, fixtures/eval",
      ),
    )
    .option("--case <name>", "run only this case (repeatable)", collect)
    .option("--model <model>", "a model to measure (repeatable)", collect)
    .option(
      "--tries <n>",
      "plans per model and case (default 3; recorded count with --replay-dir)",
      parseCount,
    )
    .option("--replay-dir <dir>", "answer from <dir>/<case>/<model>/<try>.json: no key, no network")
    .option("--record-dir <dir>", "save every answer as <dir>/<case>/<model>/<try>.json")
    .option(
      "--repair <n>",
      "times a rejected answer goes back to the model (default 2)",
      parseCount,
    )
    .option("--map-tokens <n>", "token budget of the repository map (default 4000)", parseCount)
    .addOption(new Option("--prune <level>", "how far import chains count").choices(REACH_LEVELS))
    .option(
      "--timeout <seconds>",
      "longest wait for one answer before retrying (default 300)",
      parseSeconds,
    )
    .option("--retries <n>", "retries of a failed or timed-out request (default 2)", parseCount)
    .option("--json", "print { runs, models } as JSON")
    .addHelpText(
      "after",
      '\nA case\'s case.json holds the goal and the truth: "interacts", the pairs of written\n' +
        "files that truly depend on each other (globs allowed). False orders are pairs a plan\n" +
        "orders without such a link; missing orders are linked pairs it leaves unordered.\n" +
        "Exit code 1 when a validated plan misses an order (a genuine dependency was lost).",
    )
    .action(async (options: EvalCliOptions) => {
      const runs = await runEval({
        cases: loadSuite(resolve(io.cwd, options.suite), options.case ?? []),
        models: options.model ?? [],
        env: io.env,
        ...optional(options, io),
        onRun: (run) => io.stderr(progressLine(run)),
        onNotice: (text) => io.stderr(`anvil: ${text}\n`),
      });
      const models = summarize(runs);
      io.stdout(
        options.json ? JSON.stringify({ runs, models }, null, 2) + "\n" : formatSummaries(models),
      );
      const lost = runs.some((run) => (run.validated?.missingOrders ?? 0) > 0);
      setCode(lost ? ExitCode.found : ExitCode.ok);
    });
}

function optional(options: EvalCliOptions, io: Io) {
  return {
    ...(options.tries !== undefined ? { tries: options.tries } : {}),
    ...(options.replayDir ? { replayDir: resolve(io.cwd, options.replayDir) } : {}),
    ...(options.recordDir ? { recordDir: resolve(io.cwd, options.recordDir) } : {}),
    ...(options.repair !== undefined ? { repair: options.repair } : {}),
    ...(options.mapTokens !== undefined ? { mapTokens: options.mapTokens } : {}),
    ...(options.prune ? { prune: options.prune } : {}),
    ...(options.timeout !== undefined ? { timeoutMs: options.timeout * 1000 } : {}),
    ...(options.retries !== undefined ? { maxRetries: options.retries } : {}),
  };
}

function progressLine(run: EvalRun): string {
  const where = `${run.case} ${run.model} #${run.try}`;
  if (!run.raw || !run.validated) return `${where}: no plan (${run.failure?.split("\n")[0]})\n`;
  const repairs = run.rejectedAnswers > 0 ? `, ${run.rejectedAnswers} repaired` : "";
  return (
    `${where}: critical path ${run.raw.criticalPath} → ${run.validated.criticalPath}, ` +
    `${run.pruned} pruned${repairs}\n`
  );
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
