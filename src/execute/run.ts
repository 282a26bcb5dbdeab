import { randomBytes } from "node:crypto";
import { appendFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import type { ReachLevel } from "../graph/reach.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import type { Plan, Task } from "../plan/types.js";
import type { RunEvents } from "../schedule/events.js";
import { schedule } from "../schedule/scheduler.js";
import { SETTLED, type RunEvent, type TaskStatus } from "../schedule/types.js";
import { killGroup } from "./executors/shell.js";
import { git } from "./git.js";
import { ensureAnvilDir, inspectRepo, type RepoState, uncommittedChanges } from "./repo.js";
import { isAlive, type RunOptions, type RunState, RunStore, type TaskState } from "./state.js";
import { summarize, type RunSummary } from "./summary.js";
import { gitTaskRunner } from "./task-runner.js";
import type { Executor } from "./types.js";
import { Worktrees } from "./worktrees.js";

export interface StartRun {
  /** The directory the plan's paths are relative to. */
  repo: string;
  /** The validated plan. */
  plan: Plan;
  executor: Executor;
  options: RunOptions & { allowDirty: boolean };
  /** The graph the plan was validated on, for the premise check; none skips it. */
  graph?: RepoGraph;
  pruneLevel?: ReachLevel;
  events: RunEvents;
  signal?: AbortSignal;
}

/**
 * Runs a validated plan in git worktrees and merges the results into `anvil/<run-id>`.
 * Refuses a repository with uncommitted changes unless `allowDirty`.
 */
export async function startRun(input: StartRun): Promise<RunSummary> {
  const repo = await inspectRepo(input.repo);
  const anvilDir = ensureAnvilDir(repo.dir);
  const uncommitted = await uncommittedChanges(repo.gitRoot);
  if (uncommitted.length > 0 && !input.options.allowDirty) {
    const shown = uncommitted.slice(0, 10).map((c) => `  ${c}`);
    if (uncommitted.length > 10) shown.push(`  ... and ${uncommitted.length - 10} more`);
    throw new UserError(
      `the repository at ${repo.gitRoot} has uncommitted changes, which tasks would not see:\n` +
        `${shown.join("\n")}\ncommit or stash them, or pass --allow-dirty to run from HEAD anyway`,
    );
  }
  const runId = newRunId();
  const worktrees = new Worktrees(repo, runId, anvilDir);
  const { options } = input;
  const state: RunState = {
    version: 1,
    runId,
    createdAt: new Date().toISOString(),
    updatedAt: "",
    status: "running",
    pid: process.pid,
    repo: repo.dir,
    baseCommit: repo.head,
    baseBranch: repo.branch,
    resultBranch: worktrees.resultBranch,
    executor: input.executor.description,
    options: {
      jobs: options.jobs,
      failFast: options.failFast,
      retries: options.retries,
      apply: options.apply,
      ...(options.timeoutS === undefined ? {} : { timeoutS: options.timeoutS }),
    },
    uncommitted,
    plan: input.plan,
    premiseBreaks: [],
    tasks: taskStates(input.plan.tasks),
    wallMs: 0,
  };
  const store = new RunStore(anvilDir, runId);
  store.save(state);
  await worktrees.open(repo.head);
  return drive({ ...input, repo, state, store, worktrees, merged: new Set() });
}

export interface ResumeRun {
  repo: string;
  runId: string;
  executor: Executor;
  graph?: RepoGraph;
  pruneLevel?: ReachLevel;
  events: RunEvents;
  signal?: AbortSignal;
  /** Overrides the run's recorded `-j`. */
  jobs?: number;
}

/** Reads a run's state, for a resume to rebuild its executor from. */
export async function loadRun(repoDir: string, runId: string): Promise<RunState> {
  if (!/^[\w.-]+$/.test(runId)) throw new UserError(`--resume ${runId}: not a run id`);
  const repo = await inspectRepo(repoDir);
  return new RunStore(join(repo.dir, ".anvil"), runId).load();
}

/**
 * Finishes an interrupted run: settled tasks stay as they are, a task that was running starts
 * again in a fresh worktree, and work already committed is checked and merged, not redone.
 */
export async function resumeRun(input: ResumeRun): Promise<RunSummary> {
  const repo = await inspectRepo(input.repo);
  const anvilDir = join(repo.dir, ".anvil");
  const store = new RunStore(anvilDir, input.runId);
  const state = store.load();
  if (state.pid !== process.pid && state.status === "running" && isAlive(state.pid)) {
    throw new UserError(`run ${state.runId} is still running (process ${state.pid})`);
  }
  if (state.status === "succeeded") {
    throw new UserError(`run ${state.runId} already finished: every task succeeded`);
  }
  const worktrees = new Worktrees(repo, state.runId, anvilDir);
  for (const task of state.tasks) endLeftovers(task, worktrees.root);
  state.status = "running";
  state.pid = process.pid;
  delete state.finishedAt;
  if (input.jobs !== undefined) state.options.jobs = input.jobs;
  const merged = new Set(
    state.tasks.filter((t) => t.status === "succeeded" || t.phase === "merged").map((t) => t.id),
  );
  for (const task of state.tasks) {
    if (!SETTLED.has(task.status)) task.status = "waiting";
  }
  store.save(state);
  await worktrees.open(state.baseCommit);
  const options = { ...state.options, allowDirty: true };
  return drive({ ...input, plan: state.plan, options, repo, state, store, worktrees, merged });
}

interface Drive extends Omit<StartRun, "repo"> {
  repo: RepoState;
  state: RunState;
  store: RunStore;
  worktrees: Worktrees;
  merged: Set<string>;
}

async function drive(run: Drive): Promise<RunSummary> {
  const { state, store, worktrees, events } = run;
  const stopRecording = events.on(recorder(state, store));
  const premise = run.graph ? premiseCheck(run.graph, state.plan, run.pruneLevel) : undefined;
  const runner = gitTaskRunner({ ...run, premise });
  const previous = new Map<string, TaskStatus>(state.tasks.map((t) => [t.id, t.status]));
  try {
    const result = await schedule(state.plan.tasks, runner, events, {
      jobs: state.options.jobs,
      failFast: state.options.failFast,
      retries: state.options.retries,
      ...(state.options.timeoutS === undefined ? {} : { timeoutMs: state.options.timeoutS * 1000 }),
      ...(run.signal ? { signal: run.signal } : {}),
      previous,
    });
    state.status = result.status;
  } finally {
    stopRecording();
    if (state.status === "running") state.status = "interrupted";
    state.finishedAt = new Date().toISOString();
    store.save(state);
    await worktrees.close();
  }
  const applied = state.options.apply ? await apply(state, run.repo) : undefined;
  return summarize(state, applied);
}

// The parser brings TypeScript with it, which takes seconds to load: load it while the first
// tasks run, not before them.
function premiseCheck(graph: RepoGraph, plan: Plan, level: ReachLevel | undefined) {
  const loading = import("./premise.js").then(
    ({ PremiseCheck }) => new PremiseCheck(graph, plan, level),
  );
  loading.catch(() => {}); // awaited (and so reported) by the first task that needs it
  return loading;
}

/** Keeps the run state on disk in step with the run's events. */
function recorder(state: RunState, store: RunStore): (event: RunEvent) => void {
  const byId = new Map(state.tasks.map((t) => [t.id, t]));
  const log = join(store.dir, "events.jsonl");
  // Wall time so far, kept current at every save so that even a killed session counts.
  const earlier = state.wallMs;
  const started = Date.now();
  store.beforeSave = () => (state.wallMs = earlier + Date.now() - started);
  return (event) => {
    if (event.type === "output") return;
    appendFileSync(log, JSON.stringify(event) + "\n");
    const task = byId.get(event.task)!;
    const at = "at" in event ? new Date(event.at).toISOString() : undefined;
    switch (event.type) {
      case "started":
        task.status = "running";
        task.attempts++;
        task.startedAt = at;
        delete task.finishedAt;
        delete task.reason;
        break;
      case "deferred":
        task.status = "waiting";
        task.reason = event.reason;
        task.waitsFor = [...new Set([...task.waitsFor, ...event.after])];
        break;
      case "finished":
        task.status = "succeeded";
        task.finishedAt = at;
        task.changedFiles = event.changedFiles;
        break;
      case "failed":
        task.status = event.retrying ? "waiting" : event.status;
        task.reason = event.reason;
        if (!event.retrying) task.finishedAt = at;
        break;
      case "skipped":
        task.status = "skipped";
        task.reason = event.reason;
        break;
      default:
        return;
    }
    store.save(state);
  };
}

/** Fast-forwards the user's branch to the result, only when nothing could be lost by it. */
async function apply(state: RunState, repo: RepoState): Promise<{ ok: boolean; message: string }> {
  if (state.status !== "succeeded") {
    return { ok: false, message: "not applied: the run did not succeed in full" };
  }
  const now = await inspectRepo(repo.dir);
  if (!now.branch || now.branch !== state.baseBranch) {
    return {
      ok: false,
      message: "not applied: the checked-out branch is not the one the run started on",
    };
  }
  if (now.head !== state.baseCommit) {
    return { ok: false, message: `not applied: ${now.branch} moved since the run started` };
  }
  const merge = await git(repo.gitRoot, ["merge", "-q", "--ff-only", state.resultBranch], {
    accept: [1, 128],
  });
  if (merge.code !== 0) {
    const why = merge.stderr.trim().split("\n")[0] ?? "";
    return { ok: false, message: `not applied: git merge --ff-only failed: ${why}` };
  }
  const name = now.branch.replace(/^refs\/heads\//, "");
  return { ok: true, message: `applied: ${name} fast-forwarded to ${state.resultBranch}` };
}

/**
 * Ends the process group of a command that outlived a killed anvil, if it is still in the
 * task's worktree: a pid reused by something else never has its cwd there.
 */
function endLeftovers(task: TaskState, worktreesRoot: string): void {
  if (task.pid === undefined) return;
  try {
    const cwd = readlinkSync(`/proc/${task.pid}/cwd`);
    if (cwd.startsWith(worktreesRoot)) killGroup(task.pid, "SIGKILL");
  } catch {
    // Gone already, or no /proc to check by: leave it alone.
  }
  delete task.pid;
}

function taskStates(tasks: readonly Task[]): TaskState[] {
  const used = new Set<string>();
  return tasks.map((task) => {
    const key = uniqueKey(task.id, used);
    return {
      id: task.id,
      key,
      status: "waiting",
      branch: null,
      attempts: 0,
      changedFiles: [],
      waitsFor: [],
    };
  });
}

/** A task id made safe as one segment of a branch name and a folder name. */
function uniqueKey(id: string, used: Set<string>): string {
  const base =
    id
      .replace(/[^A-Za-z0-9_-]/g, "_")
      .replace(/^[-_]+/, "")
      .slice(0, 60) || "task";
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  used.add(key);
  return key;
}

function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${randomBytes(2).toString("hex")}`;
}
