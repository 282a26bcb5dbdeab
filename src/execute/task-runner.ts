import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { Task } from "../plan/types.js";
import type { AttemptContext, AttemptOutcome, TaskRunner } from "../schedule/types.js";
import { git } from "./git.js";
import type { ChangedText, PremiseCheck } from "./premise.js";
import type { RunState, RunStore, TaskState } from "./state.js";
import type { Executor } from "./types.js";
import type { Worktrees } from "./worktrees.js";

export interface GitRunContext {
  state: RunState;
  store: RunStore;
  worktrees: Worktrees;
  executor: Executor;
  premise: Promise<PremiseCheck> | undefined;
  /** Tasks whose results are on the result branch. */
  merged: Set<string>;
}

/**
 * One attempt at a task in git: a fresh worktree from the result branch, the executor, a
 * commit of what it left, the checks against the task's declarations, and the merge.
 */
export function gitTaskRunner(ctx: GitRunContext): TaskRunner<Task> {
  return async (task, attempt) => {
    const entry = ctx.state.tasks.find((t) => t.id === task.id)!;
    if (entry.phase === "merged" && (await ctx.worktrees.isMerged(entry.commit!))) {
      // Merged just before a crash, its success not yet recorded: done, not to be redone.
      return merged(ctx, entry, attempt, entry.commit!);
    }
    const done = await doneBefore(ctx, entry);
    const failed =
      done === "committed"
        ? undefined
        : done === "executed"
          ? await commitWork(ctx, task, entry, attempt, { ok: true })
          : await execute(ctx, task, entry, attempt);
    return failed ?? checkAndMerge(ctx, task, entry, attempt);
  };
}

async function execute(
  ctx: GitRunContext,
  task: Task,
  entry: TaskState,
  attempt: AttemptContext,
): Promise<AttemptOutcome | undefined> {
  const { worktrees, store } = ctx;
  const { dir } = await worktrees.addTask(entry.key, (base) => {
    entry.base = base;
    entry.baseTasks = [...ctx.merged];
  });
  entry.branch = worktrees.taskBranch(entry.key);
  entry.phase = "executing";
  delete entry.commit;
  entry.changedFiles = [];
  store.save(ctx.state);

  const taskFile = store.taskFile(entry.key);
  mkdirSync(dirname(taskFile), { recursive: true });
  rmSync(store.doneFile(entry.key), { force: true });
  writeFileSync(taskFile, JSON.stringify(task, null, 2) + "\n");
  const log = store.taskLog(entry.key);
  appendFileSync(log, `--- attempt ${attempt.attempt} at ${new Date().toISOString()}\n`);
  const workspace = {
    dir: join(dir, worktrees.repo.prefix),
    runId: ctx.state.runId,
    taskFile,
    doneFile: store.doneFile(entry.key),
    output: (stream: "stdout" | "stderr", text: string) => {
      appendFileSync(log, text);
      attempt.emit({ type: "output", task: task.id, stream, text });
    },
    processStarted: (pid: number) => {
      entry.pid = pid;
      store.save(ctx.state);
    },
  };
  const result = await ctx.executor.run(task, workspace, attempt.signal);
  delete entry.pid;
  if (result.usage) entry.usage = addUsage(entry.usage, result.usage);
  if (attempt.signal.aborted && !result.ok) {
    // Cancelled or out of time: what it left half-done is not worth keeping.
    await worktrees.removeTask(entry.key);
    return { kind: "failed", reason: result.reason };
  }
  if (result.ok) {
    // From here a crash loses nothing: a resumed run commits what the worktree holds.
    entry.phase = "executed";
    store.save(ctx.state);
  }
  return commitWork(ctx, task, entry, attempt, result);
}

/** Commits what the executor left in the worktree (kept on the task's branch even if it failed). */
async function commitWork(
  ctx: GitRunContext,
  task: Task,
  entry: TaskState,
  attempt: AttemptContext,
  result: { ok: true } | { ok: false; reason: string },
): Promise<AttemptOutcome | undefined> {
  const { worktrees, store } = ctx;
  const dir = worktrees.taskDir(entry.key);
  const status = result.ok ? "" : " (failed attempt)";
  entry.commit = await worktrees.commitAll(dir, `anvil: task ${task.id}${status}: ${task.title}`);
  const commit = entry.commit === entry.base ? null : entry.commit;
  entry.changedFiles = await worktrees.changedFiles(entry.base!, entry.commit);
  if (result.ok) entry.phase = "checking";
  store.save(ctx.state);
  attempt.emit({ type: "committed", task: task.id, commit, changedFiles: entry.changedFiles });
  await worktrees.removeTask(entry.key);
  return result.ok ? undefined : { kind: "failed", reason: result.reason };
}

/**
 * How far an earlier session got with this attempt after its executor succeeded: its work is
 * then committed (unless it was already) and checked, never redone.
 */
async function doneBefore(
  ctx: GitRunContext,
  entry: TaskState,
): Promise<"executed" | "committed" | undefined> {
  if (!entry.base || !entry.branch) return undefined;
  const executed =
    entry.phase === "executed" ||
    (entry.phase === "executing" && readIfAny(ctx.store.doneFile(entry.key)) === "0");
  if (executed) {
    return existsSync(join(ctx.worktrees.taskDir(entry.key), ".git")) ? "executed" : undefined;
  }
  if (entry.phase !== "checking" || entry.commit === undefined) return undefined;
  const branchAt = await ctx.worktrees.branchCommit(entry.branch);
  return branchAt === entry.commit ? "committed" : undefined;
}

async function checkAndMerge(
  ctx: GitRunContext,
  task: Task,
  entry: TaskState,
  attempt: AttemptContext,
): Promise<AttemptOutcome> {
  const { worktrees, store } = ctx;
  const outside = outsideWrites(task, entry.changedFiles);
  if (outside.length > 0) {
    return { kind: "failed", reason: `changed files outside its writes: ${outside.join(", ")}` };
  }
  const broken = await brokenPremises(ctx, task, entry);
  if (broken.length > 0) {
    ctx.state.premiseBreaks.push(...broken);
    const after = [...new Set(broken.map((b) => b.after))];
    const first = broken[0]!;
    const reason =
      `${first.file}:${first.line} newly imports ${first.target}, which reaches ${first.written} ` +
      `written by task ${first.after}; running it again after ${plural("task", after)}`;
    entry.phase = "executing";
    store.save(ctx.state);
    return { kind: "wait", after, reason };
  }

  if (await worktrees.isMerged(entry.commit!)) return merged(ctx, entry, attempt, entry.commit!);
  const result = await worktrees.merge(
    entry.branch!,
    `anvil: merge task ${task.id}: ${task.title}`,
  );
  if (!result.ok) {
    const reason =
      `merge conflict in ${result.files.join(", ") || "the result"}; branch ${entry.branch} ` +
      `is kept. To finish by hand: git checkout ${worktrees.resultBranch} && ` +
      `git merge ${entry.branch}, resolve the conflict, then git commit`;
    return { kind: "conflicted", reason };
  }
  return merged(ctx, entry, attempt, result.commit);
}

async function merged(
  ctx: GitRunContext,
  entry: TaskState,
  attempt: AttemptContext,
  commit: string,
): Promise<AttemptOutcome> {
  ctx.merged.add(entry.id);
  entry.phase = "merged";
  ctx.store.save(ctx.state);
  attempt.emit({ type: "merged", task: entry.id, commit });
  // The result branch holds the work now; the task's own branch would only clutter.
  if (entry.branch) await ctx.worktrees.deleteBranch(entry.branch);
  entry.branch = null;
  return { kind: "succeeded", changedFiles: entry.changedFiles };
}

/** Changed files the task did not declare; none when its writes are unknown. */
export function outsideWrites(task: Task, changed: readonly string[]): string[] {
  if (!task.writes) return [];
  const writes = task.writes;
  const allowed = (file: string) =>
    writes.some((w) => w === file || (w.endsWith("/") && file.startsWith(w)));
  return changed.filter((file) => !allowed(file));
}

async function brokenPremises(ctx: GitRunContext, task: Task, entry: TaskState) {
  if (!ctx.premise) return [];
  const premise = await ctx.premise;
  const all = ctx.state.plan.tasks.map((t) => t.id);
  const inBase = new Set(entry.baseTasks ?? []);
  const beside = new Set(premise.unordered(task.id, all).filter((id) => !inBase.has(id)));
  if (beside.size === 0) return [];
  const texts = await changedTexts(ctx, entry);
  return premise.check(task, texts, beside);
}

async function changedTexts(ctx: GitRunContext, entry: TaskState): Promise<ChangedText[]> {
  const root = ctx.worktrees.repo.gitRoot;
  const prefix = ctx.worktrees.repo.prefix;
  const show = async (commit: string, path: string) => {
    const found = await git(root, ["show", `${commit}:${prefix}${path}`], { accept: [128] });
    return found.code === 0 ? found.stdout : undefined;
  };
  return Promise.all(
    entry.changedFiles
      .filter((path) => !path.startsWith("../"))
      .map(async (path) => ({
        path,
        before: await show(entry.base!, path),
        after: await show(entry.commit!, path),
      })),
  );
}

function addUsage(
  total: TaskState["usage"],
  more: NonNullable<TaskState["usage"]>,
): NonNullable<TaskState["usage"]> {
  if (!total) return { ...more };
  const cost =
    total.costUsd === null || more.costUsd === null ? null : total.costUsd + more.costUsd;
  return {
    turns: total.turns + more.turns,
    inputTokens: total.inputTokens + more.inputTokens,
    outputTokens: total.outputTokens + more.outputTokens,
    costUsd: cost,
  };
}

function plural(word: string, ids: string[]): string {
  return `${word}${ids.length === 1 ? "" : "s"} ${ids.join(", ")}`;
}

function readIfAny(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
