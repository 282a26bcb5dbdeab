import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import type { Plan } from "../plan/types.js";
import type { TaskStatus } from "../schedule/types.js";
import type { ExecutorDescription, ExecutorUsage } from "./types.js";

/** A new import that reached a file written by a task the importing task ran beside. */
export interface PremiseBreak {
  /** The task that added the import, run again after `after`. */
  task: string;
  after: string;
  /** The importing file and line, in the task's result. */
  file: string;
  line: number;
  /** What the import names, resolved, and the file of `after` it reaches. */
  target: string;
  written: string;
}

export interface TaskState {
  id: string;
  /** The id made safe for branch and folder names. */
  key: string;
  status: TaskStatus;
  branch: string | null;
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
  reason?: string;
  changedFiles: string[];
  /**
   * `executing` until the executor is done; `executed` once it succeeded (a resumed run
   * commits what the worktree holds); `checking` once that is committed (a resumed run checks
   * and merges the commit); `merged`. A resume never runs an executed task again.
   */
  phase?: "executing" | "executed" | "checking" | "merged";
  /** The commit the attempt started from, and the tasks whose results it held. */
  base?: string;
  baseTasks?: string[];
  /** The commit holding the task's work (the base itself when it changed nothing). */
  commit?: string;
  /** The process group of a running shell command, to end it if anvil itself died. */
  pid?: number;
  waitsFor: string[];
  usage?: ExecutorUsage;
}

export type RunStatus = "running" | "succeeded" | "failed" | "interrupted";

export interface RunState {
  version: 1;
  runId: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  /** The anvil process driving the run, while it runs. */
  pid: number;
  repo: string;
  baseCommit: string;
  /** The branch checked out at the start (`refs/heads/...`), null on a detached HEAD. */
  baseBranch: string | null;
  resultBranch: string;
  executor: ExecutorDescription;
  options: RunOptions;
  /** Uncommitted changes in the repository at the start, which the base does not hold. */
  uncommitted: string[];
  plan: Plan;
  premiseBreaks: PremiseBreak[];
  tasks: TaskState[];
  finishedAt?: string;
  /** Wall time of the run in ms, summed over its sessions (a resume adds one). */
  wallMs: number;
}

export interface RunOptions {
  jobs: number;
  failFast: boolean;
  timeoutS?: number;
  retries: number;
  apply: boolean;
}

/** `.anvil/runs/<run-id>/`: state.json, rewritten whole and atomically at every change. */
export class RunStore {
  readonly dir: string;
  /** Runs before every save, to bring derived fields up to date. */
  beforeSave: (() => void) | undefined;

  constructor(anvilDir: string, runId: string) {
    this.dir = join(anvilDir, "runs", runId);
  }

  taskLog(key: string): string {
    return join(this.dir, "tasks", `${key}.log`);
  }

  doneFile(key: string): string {
    return join(this.dir, "tasks", `${key}.done`);
  }

  taskFile(key: string): string {
    return join(this.dir, "tasks", `${key}.json`);
  }

  save(state: RunState): void {
    mkdirSync(join(this.dir, "tasks"), { recursive: true });
    this.beforeSave?.();
    state.updatedAt = new Date().toISOString();
    const file = join(this.dir, "state.json");
    const temp = `${file}.${process.pid}.tmp`;
    // Written beside and renamed over: a reader (or a resume after kill -9) sees the old
    // state or the new one, never half of one.
    writeFileSync(temp, JSON.stringify(state, null, 2) + "\n");
    renameSync(temp, file);
  }

  load(): RunState {
    let text: string;
    try {
      text = readFileSync(join(this.dir, "state.json"), "utf8");
    } catch {
      throw new UserError(`no run state at ${this.dir} (see \`anvil runs\` for the runs kept)`);
    }
    const state = JSON.parse(text) as RunState;
    if (state.version !== 1) throw new UserError(`${this.dir}/state.json: unknown state version`);
    return state;
  }
}

/** Every run kept under `.anvil/runs/`, newest first; unreadable states are left out. */
export function listRuns(anvilDir: string): RunState[] {
  let ids: string[];
  try {
    ids = readdirSync(join(anvilDir, "runs"));
  } catch {
    return [];
  }
  const runs: RunState[] = [];
  for (const id of ids) {
    try {
      runs.push(new RunStore(anvilDir, id).load());
    } catch {
      // A run folder without a readable state (created and killed at once): nothing to list.
    }
  }
  return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Whether the process that wrote a state is still alive (a run marked running may be dead). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A run's status as it really is: `running` in the file but with no process is interrupted. */
export function effectiveStatus(state: RunState): RunStatus {
  return state.status === "running" && !isAlive(state.pid) ? "interrupted" : state.status;
}
