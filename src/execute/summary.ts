import type { TaskStatus } from "../schedule/types.js";
import type { PremiseBreak, RunState, RunStatus } from "./state.js";

export interface TaskSummary {
  id: string;
  status: TaskStatus;
  /** The task's branch while it is kept (failed or conflicted); merged work is on the result. */
  branch: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  changedFiles: string[];
  attempts: number;
  reason?: string;
}

/** What `anvil run --json` prints, and what the text report is drawn from. */
export interface RunSummary {
  runId: string;
  status: RunStatus;
  /** Null for a dry run. */
  resultBranch: string | null;
  /** Wall time in seconds. */
  wall: number;
  /** Sum of the tasks' own times, in seconds. */
  taskTime: number;
  /** Task time over wall time: how many tasks ran at once, on average. */
  parallelism: number;
  tasks: TaskSummary[];
  /** Edges the plan should have declared: new imports that broke a prune's premise. */
  missingEdges: PremiseBreak[];
  /** Uncommitted changes at the start that the base did not hold (`--allow-dirty`). */
  uncommitted: string[];
  applied?: { ok: boolean; message: string };
}

export function summarize(state: RunState, applied?: RunSummary["applied"]): RunSummary {
  const tasks = state.tasks.map((t): TaskSummary => ({
    id: t.id,
    status: t.status,
    branch: t.branch,
    startedAt: t.startedAt ?? null,
    finishedAt: t.finishedAt ?? null,
    changedFiles: t.changedFiles,
    attempts: t.attempts,
    ...(t.reason === undefined || t.status === "succeeded" ? {} : { reason: t.reason }),
  }));
  return {
    runId: state.runId,
    status: state.status,
    resultBranch: state.resultBranch,
    ...timing(tasks, state.wallMs),
    tasks,
    missingEdges: state.premiseBreaks,
    uncommitted: state.uncommitted,
    ...(applied ? { applied } : {}),
  };
}

export function timing(
  tasks: readonly TaskSummary[],
  wallMs: number,
): Pick<RunSummary, "wall" | "taskTime" | "parallelism"> {
  let taskMs = 0;
  for (const task of tasks) {
    if (task.startedAt && task.finishedAt) {
      taskMs += Date.parse(task.finishedAt) - Date.parse(task.startedAt);
    }
  }
  return {
    wall: round(wallMs / 1000),
    taskTime: round(taskMs / 1000),
    parallelism: wallMs > 0 ? round(taskMs / wallMs) : 0,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
