import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { createDebug } from "../debug.js";
import type { ParseJob, ParseResult } from "./parse-jobs.js";

const debug = createDebug("anvil:graph");

/** Below this many files, a worker's start-up (loading TypeScript) costs more than it saves. */
const WORKER_THRESHOLD = 400;
const BATCH = 32;

/**
 * Reads, hashes and parses files on this thread and on worker threads at once. Each side
 * claims the next batch from a shared counter, so a slow file never leaves a core idle.
 * TypeScript is loaded only here, so a run that parses nothing never loads it.
 */
export async function parseFiles(root: string, jobs: ParseJob[]): Promise<ParseResult[]> {
  if (jobs.length === 0) return [];
  const { parseJobs } = await import("./parse-jobs.js");
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const workerFile = fileURLToPath(new URL("./parse-worker.js", import.meta.url));
  // Under a test runner the sources are TypeScript and there is no built worker to start.
  const workers = jobs.length < WORKER_THRESHOLD || !existsSync(workerFile) ? 0 : workerCount();
  const pending = Array.from({ length: workers }, () =>
    runWorker(workerFile, { root, jobs, counter, batch: BATCH }),
  );
  const mine = parseJobs(root, jobs, counter, BATCH);
  const theirs = await Promise.all(pending);
  debug(
    `parsed ${mine.length} files here, ${theirs.map((t) => t.length).join("+") || 0} on workers`,
  );
  return mine.concat(...theirs);
}

function runWorker(file: string, workerData: object): Promise<ParseResult[]> {
  return new Promise((resolve, reject) => {
    // The worker must not inherit flags meant for the main script (`--input-type`, `-e`).
    const execArgv = process.execArgv.filter((arg) => !/^--(input-type|eval|print)/.test(arg));
    const worker = new Worker(file, { workerData, execArgv });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`a parse worker stopped with exit code ${code}`));
    });
  });
}

function workerCount(): number {
  return Math.max(1, Math.min(3, availableParallelism() - 1));
}
