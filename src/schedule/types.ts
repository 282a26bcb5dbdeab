/** Where one task stands in a run. `waiting`: not started (its dependencies are not done). */
export type TaskStatus =
  "waiting" | "running" | "succeeded" | "failed" | "skipped" | "conflicted" | "interrupted";

/** Statuses a task keeps for good: a resumed run never starts such a task again. */
export const SETTLED: ReadonlySet<TaskStatus> = new Set([
  "succeeded",
  "failed",
  "skipped",
  "conflicted",
]);

/** The part of a task the scheduler looks at. */
export interface SchedulableTask {
  id: string;
  depends_on: readonly string[];
}

/**
 * What happens during a run, in order. The scheduler and the task runner emit them; the
 * terminal view, the JSON summary and the run state on disk are listeners.
 */
export type RunEvent =
  | { type: "queued"; task: string; at: number }
  | { type: "started"; task: string; attempt: number; at: number }
  | { type: "output"; task: string; stream: "stdout" | "stderr"; text: string }
  | { type: "committed"; task: string; commit: string | null; changedFiles: string[] }
  | { type: "merged"; task: string; commit: string }
  | { type: "deferred"; task: string; after: string[]; reason: string; at: number }
  | { type: "finished"; task: string; attempt: number; at: number; changedFiles: string[] }
  | {
      type: "failed";
      task: string;
      attempt: number;
      at: number;
      status: "failed" | "conflicted" | "interrupted";
      reason: string;
      retrying: boolean;
    }
  | { type: "skipped"; task: string; at: number; reason: string };

export type RunEventListener = (event: RunEvent) => void;

/** How one attempt at a task ended, as the task runner reports it. */
export type AttemptOutcome =
  | { kind: "succeeded"; changedFiles?: string[] }
  | { kind: "failed"; reason: string }
  | { kind: "conflicted"; reason: string }
  /** The attempt broke the premise of the plan: run the task again once `after` succeeded. */
  | { kind: "wait"; after: string[]; reason: string };

export interface AttemptContext {
  /** 1 for the first attempt; re-runs after `wait` and retries count up. */
  attempt: number;
  /** Aborted on cancellation of the run and on the task's timeout. */
  signal: AbortSignal;
  emit: (event: RunEvent) => void;
}

/** Runs one attempt at a task: workspace, executor, checks and merge, whatever that takes. */
export type TaskRunner<T extends SchedulableTask> = (
  task: T,
  context: AttemptContext,
) => Promise<AttemptOutcome>;
