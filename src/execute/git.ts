import { execFile } from "node:child_process";
import { createDebug } from "../debug.js";
import { ServiceError } from "../errors.js";

const debug = createDebug("anvil:git");

/** Who anvil's own commits and merges are by, whatever the user's git configuration says. */
export const ANVIL_IDENTITY = {
  GIT_AUTHOR_NAME: "anvil",
  GIT_AUTHOR_EMAIL: "anvil@localhost",
  GIT_COMMITTER_NAME: "anvil",
  GIT_COMMITTER_EMAIL: "anvil@localhost",
};

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-base --is-ancestor`). */
  accept?: number[];
  env?: Record<string, string>;
}

/**
 * Runs one git command in `cwd`. A failure that is not an accepted answer is a ServiceError
 * naming the command and git's own message.
 */
export function git(cwd: string, args: string[], options: GitOptions = {}): Promise<GitResult> {
  debug(`git ${args.join(" ")}`, cwd);
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    LC_ALL: "C",
    ...options.env,
  };
  // Automatic gc would repack in the middle of a run, under the feet of parallel tasks.
  const argv = ["-c", "gc.auto=0", "-c", "core.quotePath=false", ...args];
  return new Promise((resolve, reject) => {
    execFile("git", argv, { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      if (code === 0 || options.accept?.includes(code)) {
        return resolve({ code, stdout, stderr });
      }
      const message = (stderr || stdout || String(error?.message)).trim().split("\n")[0];
      reject(new ServiceError(`git ${args.join(" ")} failed in ${cwd}: ${message}`, "git"));
    });
  });
}

/** NUL-separated output (`-z`) as a list. */
export function splitZ(output: string): string[] {
  return output.split("\0").filter((item) => item !== "");
}

/** Runs async work one piece at a time, in call order: for changes to the shared repository. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => {});
    return result;
  }
}
