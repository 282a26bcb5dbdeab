import type { Task } from "../plan/types.js";

/** Where one task runs, and how it reports what it prints. */
export interface Workspace {
  /** The task's working directory: its worktree (or the `--repo` sub-folder of it). */
  dir: string;
  runId: string;
  /** A JSON file holding the task, outside the worktree (so it is never committed). */
  taskFile: string;
  output(stream: "stdout" | "stderr", text: string): void;
  /** Called with the id of a process group the executor started, to end it after a crash. */
  processStarted?(pid: number): void;
  /**
   * Where an executor whose work happens outside anvil's process writes `0` the moment that
   * work is done: a crash before anvil takes note then loses nothing (a resume commits it).
   */
  doneFile?: string;
}

export interface ExecutorUsage {
  turns: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

export type ExecutorResult =
  { ok: true; usage?: ExecutorUsage } | { ok: false; reason: string; usage?: ExecutorUsage };

/** Does one task in one workspace. Must stop promptly, and clean up, when `signal` aborts. */
export interface Executor {
  /** Named in run state, so a resumed run uses the same kind. */
  readonly description: ExecutorDescription;
  run(task: Task, workspace: Workspace, signal: AbortSignal): Promise<ExecutorResult>;
}

export type ExecutorDescription =
  { kind: "shell"; command: string } | { kind: "agent"; model: string } | { kind: "dry-run" };
