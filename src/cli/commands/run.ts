import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { ExitCode, UserError } from "../../errors.js";
import { agentExecutor } from "../../execute/executors/agent/agent.js";
import { shellExecutor } from "../../execute/executors/shell.js";
import { loadRun, resumeRun, startRun } from "../../execute/run.js";
import { simulateRun } from "../../execute/simulate.js";
import type { RunState } from "../../execute/state.js";
import type { RunSummary } from "../../execute/summary.js";
import type { Executor } from "../../execute/types.js";
import { analyzeRepo } from "../../graph/analyze.js";
import { REACH_LEVELS, type ReachLevel } from "../../graph/reach.js";
import { loadPlan, type Task } from "../../plan/index.js";
import { liveProgress, plainProgress, type ProgressView } from "../../report/run/progress.js";
import { formatRunSummary } from "../../report/run/summary.js";
import { RunEvents } from "../../schedule/events.js";
import { DEFAULT_JOBS } from "../../schedule/scheduler.js";
import { validatePlan } from "../../validate/index.js";
import { type Io, styleFor } from "../io.js";
import { modelClientFor, parseCount, parseSeconds } from "../model-options.js";
import { writeRunReport } from "./report.js";

interface RunCliOptions {
  repo: string;
  model?: string;
  maxTurns?: number;
  maxTokens?: number;
  record?: string;
  replay?: string;
  exec?: string;
  agent?: boolean;
  dryRun?: boolean;
  jobs?: number;
  failFast?: boolean;
  timeout?: number;
  retries?: number;
  allowDirty?: boolean;
  apply?: boolean;
  json?: boolean;
  report?: string;
  resume?: string;
  prune?: ReachLevel;
}

export function registerRun(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("run")
    .description("validate a plan and run its tasks in parallel, each in its own git worktree")
    .argument("[plan]", "the plan file (JSON); not needed with --resume")
    .option("-r, --repo <dir>", "the repository the plan is for", ".")
    .option("--exec <command>", "run this shell command for each task (task data in ANVIL_TASK_*)")
    .option("--agent", "run each task with the built-in agent on the Anthropic API")
    .option("--dry-run", "simulate the run with each task's estimate; touches nothing")
    .option(
      "-j, --jobs <n>",
      `tasks at once (default: ${DEFAULT_JOBS}, or the plan's width if less)`,
      parseJobs,
    )
    .option("--fail-fast", "start no new task after one fails")
    .option("--timeout <seconds>", "end a task that runs longer than this", parseSeconds)
    .option("--retries <n>", "run a failed task again up to n times", parseCount)
    .option("--allow-dirty", "run even with uncommitted changes (they are not part of the base)")
    .option("--apply", "fast-forward your branch to the result when every task succeeded")
    .option("--json", "print { runId, status, resultBranch, wall, tasks } as JSON")
    .option("--report <file>", "also draw the run's timeline and its plan as an HTML page")
    .option("--resume <run-id>", "finish an interrupted run (see anvil runs)")
    .addOption(
      new Option("--prune <level>", "how far import chains count when validating").choices(
        REACH_LEVELS,
      ),
    )
    .option("--model <model>", "the agent's model (else ANVIL_MODEL, else anvil.config.json)")
    .option("--max-turns <n>", "the agent's turn budget per task", parseCount)
    .option("--max-tokens <n>", "the agent's token budget per task (input + output)", parseCount)
    .option("--record <file>", "save the agent's model answers to FILE")
    .option("--replay <file>", "answer the agent from a recording: no key, no network")
    .addHelpText(
      "after",
      "\nEach task runs in .anvil/worktrees/<run-id>/<task> on its own branch, from HEAD; results\n" +
        "are merged into the branch anvil/<run-id>. Your checkout is never touched (unless --apply).\n" +
        "Exit codes: 0 every task succeeded, 1 some failed, conflicted or were skipped, 2 bad input,\n" +
        "130 interrupted (finish with --resume).",
    )
    .action(async (plan: string | undefined, options: RunCliOptions) => {
      const summary = await runCommand(plan, options, io);
      io.stdout(
        options.json
          ? JSON.stringify(summary, null, 2) + "\n"
          : formatRunSummary(summary, styleFor(io)),
      );
      if (options.report !== undefined)
        await writeRunReport(resolve(io.cwd, options.report), summary, plan, options, io);
      setCode(exitCodeOf(summary));
    });
}

async function runCommand(
  planFile: string | undefined,
  options: RunCliOptions,
  io: Io,
): Promise<RunSummary> {
  const repo = resolve(io.cwd, options.repo);
  if (options.resume) return resume(repo, options, io);
  const kinds = [options.exec !== undefined, options.agent, options.dryRun].filter(Boolean);
  if (kinds.length !== 1)
    throw new UserError("say how to run the tasks: one of --exec CMD, --agent or --dry-run");
  if (!planFile) throw new UserError("missing the plan file: anvil run PLAN (or --resume RUN-ID)");
  if (options.exec !== undefined && !options.exec.trim())
    throw new UserError("--exec needs a command");

  // Made first: a missing API key is reported before seconds of analysis.
  const executor = options.dryRun
    ? undefined
    : options.agent
      ? agentExecutorFor(options, io, repo)
      : shellExecutor(options.exec!, { env: io.env });
  const loaded = loadPlan({ file: resolve(io.cwd, planFile) }, repo);
  const graph = await analyzeRepo(repo);
  const verdict = validatePlan(loaded.plan, graph, {
    ...(options.prune ? { prune: options.prune } : {}),
    diagnostics: loaded.diagnostics,
  });
  const errors = verdict.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0)
    throw new UserError(errors.map((d) => `${loaded.name}: ${d.message}`).join("\n"));
  const jobs = options.jobs ?? Math.min(DEFAULT_JOBS, Math.max(1, verdict.metrics.widthAfter));
  if (!options.json) io.stdout(describeVerdict(verdict.metrics, jobs));

  const signal = interruptSignal(io);
  const events = new RunEvents();
  const view = progressView(io, options, verdict.plan.tasks, jobs);
  if (view) events.on(view.listener);
  try {
    if (!executor) {
      return await simulateRun(verdict.plan, events, {
        jobs,
        failFast: options.failFast ?? false,
        signal: signal.signal,
      });
    }
    return await startRun({
      repo,
      plan: verdict.plan,
      executor,
      options: {
        jobs,
        failFast: options.failFast ?? false,
        retries: options.retries ?? 0,
        apply: options.apply ?? false,
        allowDirty: options.allowDirty ?? false,
        ...(options.timeout === undefined ? {} : { timeoutS: options.timeout }),
      },
      graph,
      pruneLevel: verdict.prune,
      events,
      signal: signal.signal,
    });
  } finally {
    view?.close();
    signal.dispose();
  }
}

async function resume(repo: string, options: RunCliOptions, io: Io): Promise<RunSummary> {
  if (options.exec !== undefined || options.agent || options.dryRun) {
    throw new UserError(
      "--resume runs the tasks the way the run started; drop --exec, --agent or --dry-run",
    );
  }
  const state = await loadRun(repo, options.resume!);
  const executor = executorOf(state, options, io, repo);
  const graph = await analyzeRepo(repo);
  const signal = interruptSignal(io);
  const events = new RunEvents();
  const jobs = options.jobs ?? state.options.jobs;
  const view = progressView(io, options, state.plan.tasks, jobs);
  if (view) events.on(view.listener);
  try {
    return await resumeRun({
      repo,
      runId: state.runId,
      executor,
      graph,
      events,
      signal: signal.signal,
      ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    });
  } finally {
    view?.close();
    signal.dispose();
  }
}

function executorOf(state: RunState, options: RunCliOptions, io: Io, repo: string): Executor {
  const recorded = state.executor;
  if (recorded.kind === "shell") return shellExecutor(recorded.command, { env: io.env });
  if (recorded.kind === "agent")
    return agentExecutorFor({ ...options, model: options.model ?? recorded.model }, io, repo);
  throw new UserError(`run ${state.runId} was a dry run: nothing to resume`);
}

/** The agent on the shared model client: same model choice, key rules and retries as the planner. */
function agentExecutorFor(options: RunCliOptions, io: Io, repo: string): Executor {
  const client = modelClientFor(
    {
      ...(options.model ? { model: options.model } : {}),
      ...(options.record ? { record: resolve(io.cwd, options.record) } : {}),
      ...(options.replay ? { replay: resolve(io.cwd, options.replay) } : {}),
    },
    io,
    [repo],
  );
  return agentExecutor({
    client,
    ...(options.maxTurns === undefined ? {} : { maxTurns: options.maxTurns }),
    ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
  });
}

function progressView(
  io: Io,
  options: RunCliOptions,
  tasks: readonly Task[],
  jobs: number,
): ProgressView | undefined {
  if (options.json) return undefined;
  const style = styleFor(io);
  const titles = new Map(tasks.map((task) => [task.id, task.title]));
  const live = io.isTTY && !options.dryRun && io.env.TERM !== "dumb";
  return live
    ? liveProgress(io.stdout, style, { titles, jobs })
    : plainProgress(io.stdout, style, titles);
}

/**
 * Ctrl-C (or SIGTERM) aborts the run: no task starts, the running ones' process groups are
 * ended and the state is saved; a second Ctrl-C quits at once (the state on disk is current).
 */
function interruptSignal(io: Io): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    io.stderr(
      "\nanvil: interrupted; ending the running tasks and saving the run (Ctrl-C again to quit now)\n",
    );
    controller.abort(new Error("interrupted"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

function describeVerdict(
  metrics: {
    tasks: number;
    edgesBefore: number;
    edgesAfter: number;
    criticalPathBefore: number;
    criticalPathAfter: number;
    widthAfter: number;
  },
  jobs: number,
): string {
  return (
    `plan: ${metrics.tasks} tasks, ${metrics.edgesBefore} → ${metrics.edgesAfter} dependencies, ` +
    `critical path ${metrics.criticalPathBefore} → ${metrics.criticalPathAfter}, ` +
    `up to ${metrics.widthAfter} at once; running ${jobs} at a time\n`
  );
}

function exitCodeOf(summary: RunSummary): number {
  if (summary.status === "interrupted") return ExitCode.interrupted;
  return summary.status === "succeeded" ? ExitCode.ok : ExitCode.found;
}

function parseJobs(value: string): number {
  const jobs = parseCount(value);
  if (jobs < 1) throw new InvalidArgumentError("expected at least 1");
  return jobs;
}
