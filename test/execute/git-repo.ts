import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Plan, Task } from "../../src/plan/types.js";

const IDENTITY = ["-c", "user.name=test", "-c", "user.email=test@example.com"];
const made: string[] = [];

/** A fresh git repository in a temporary folder, holding `files` in one commit on `main`. */
export function makeRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "anvil-run-"));
  made.push(dir);
  gitIn(dir, "init", "-q", "-b", "main");
  for (const [path, text] of Object.entries(files)) writeFile(dir, path, text);
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", "base");
  return dir;
}

export function removeRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeFile(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync("git", [...IDENTITY, ...args], { cwd: dir, encoding: "utf8" }).trim();
}

/** A file's text at `ref`, or undefined when the ref does not hold it. */
export function readAt(dir: string, ref: string, path: string): string | undefined {
  try {
    return execFileSync("git", ["show", `${ref}:${path}`], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return undefined;
  }
}

/**
 * `"2:1"` → task 2 depending on 1, writing `out/2.txt` and reading `out/1.txt` (so that the
 * validator keeps the edge: a declared read of a file the other task writes).
 */
export function task(spec: string, extra: Partial<Task> = {}): Task {
  const [id, deps] = spec.split(":");
  const depends = deps ? deps.split(",") : [];
  return {
    id: id!,
    title: `task ${id}`,
    prompt: `write out/${id}.txt`,
    writes: [`out/${id}.txt`],
    reads: depends.map((dep) => `out/${dep}.txt`),
    uses: [],
    depends_on: depends,
    ...extra,
  };
}

export function planOf(...tasks: Task[]): Plan {
  return { version: 1, goal: "test", tasks };
}

/** A shell command writing the task id into out/<id>.txt, after `sleep` seconds. */
export function writeOwnFile(sleep = 0): string {
  return `sleep ${sleep}; mkdir -p out; printf '%s\\n' "$ANVIL_TASK_ID" > "out/$ANVIL_TASK_ID.txt"`;
}
