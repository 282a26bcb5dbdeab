import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "../../src/plan/types.js";
import { BIN } from "../helpers/exec.js";

/** Writes a plan outside the repository (a plan inside it would make the checkout dirty). */
export function planFile(plan: Plan): string {
  const file = join(mkdtempSync(join(tmpdir(), "anvil-plan-")), "plan.json");
  writeFileSync(file, JSON.stringify(plan, null, 2));
  return file;
}

/** A file outside the repository where commands record what they did. */
export function scratchFile(name: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "anvil-scratch-")), name);
  writeFileSync(file, "");
  return file;
}

export function linesOf(file: string): string[] {
  return readFileSync(file, "utf8").split("\n").filter(Boolean);
}

export interface Spawned {
  /** Resolves once stdout has printed a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  signal(name: NodeJS.Signals): void;
  done: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
}

/** Starts the built bin without waiting, so a test can signal it mid-run. */
export function spawnAnvil(args: string[], cwd: string): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ANVIL_DEBUG: "", DEBUG: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stdout)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const done = new Promise<Awaited<Spawned["done"]>>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        if (pattern.test(stdout)) return resolve();
        waiters.push({ pattern, resolve });
        void done.then(() => reject(new Error(`exited before ${pattern}:\n${stdout}\n${stderr}`)));
      }),
    signal: (name) => child.kill(name),
    done,
  };
}
