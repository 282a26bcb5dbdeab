import { spawn } from "node:child_process";
import type { Task } from "../../plan/types.js";
import type { Executor, ExecutorResult, Workspace } from "../types.js";

/** How long a task's processes get to exit after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 3000;

/**
 * The user's command (from the environment, as one word: never re-split or pasted), then,
 * if it succeeded, a note that it did, written before anvil may have had time to look.
 */
const RECORD_DONE =
  'sh -c "$ANVIL_COMMAND"; status=$?; ' +
  '[ "$status" -ne 0 ] || printf 0 > "$ANVIL_DONE_FILE"; exit "$status"';

export interface ShellOptions {
  /** The environment the command starts from (the user's), before the task's variables. */
  env: Record<string, string | undefined>;
}

/**
 * Runs the user's own command line in the task's worktree. The task reaches the command only
 * through the environment (ANVIL_TASK_ID, ANVIL_TASK_TITLE, ANVIL_TASK_PROMPT, ANVIL_TASK_FILE,
 * ANVIL_RUN_ID): nothing from a plan is ever pasted into the shell string. The command gets a
 * process group of its own, so cancelling the task ends everything it started.
 */
export function shellExecutor(command: string, options: ShellOptions): Executor {
  return {
    description: { kind: "shell", command },
    run: (task, workspace, signal) => runShell(command, task, workspace, signal, options),
  };
}

function runShell(
  command: string,
  task: Task,
  workspace: Workspace,
  signal: AbortSignal,
  options: ShellOptions,
): Promise<ExecutorResult> {
  if (signal.aborted) return Promise.resolve({ ok: false, reason: reasonOf(signal) });
  return new Promise((resolve) => {
    const child = spawn(workspace.doneFile ? RECORD_DONE : command, {
      cwd: workspace.dir,
      shell: true,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...options.env,
        ...taskEnv(task, workspace),
        ...(workspace.doneFile
          ? { ANVIL_COMMAND: command, ANVIL_DONE_FILE: workspace.doneFile }
          : {}),
      },
    });
    let killTimer: NodeJS.Timeout | undefined;
    const kill = () => {
      killGroup(child.pid, "SIGTERM");
      killTimer = setTimeout(() => killGroup(child.pid, "SIGKILL"), KILL_GRACE_MS);
    };
    signal.addEventListener("abort", kill, { once: true });
    if (child.pid !== undefined) workspace.processStarted?.(child.pid);
    child.stdout.setEncoding("utf8").on("data", (text: string) => workspace.output("stdout", text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => workspace.output("stderr", text));
    child.on("error", (error) => {
      signal.removeEventListener("abort", kill);
      resolve({ ok: false, reason: `could not start the command: ${error.message}` });
    });
    // The shell may be gone while something it started in the background lives on, holding
    // the output pipes open: the task is over when its command is, so end the rest.
    child.on("exit", () => killGroup(child.pid, "SIGKILL"));
    child.on("close", (code, exitSignal) => {
      signal.removeEventListener("abort", kill);
      clearTimeout(killTimer);
      // Done is done, even if a cancellation came in meanwhile: its work is not thrown away.
      if (code === 0) return resolve({ ok: true });
      if (signal.aborted) return resolve({ ok: false, reason: reasonOf(signal) });
      const how = exitSignal ? `was killed by ${exitSignal}` : `exited with code ${code}`;
      resolve({ ok: false, reason: `the command ${how}` });
    });
  });
}

export function taskEnv(task: Task, workspace: Workspace): Record<string, string> {
  return {
    ANVIL_TASK_ID: task.id,
    ANVIL_TASK_TITLE: task.title,
    ANVIL_TASK_PROMPT: task.prompt ?? task.title,
    ANVIL_TASK_FILE: workspace.taskFile,
    ANVIL_RUN_ID: workspace.runId,
  };
}

/** Signals a whole process group; a group that is already gone is not an error. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left to signal.
  }
}

function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : "interrupted";
}
