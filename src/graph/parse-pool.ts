import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { createDebug } from "../debug.js";
import type { ParseBatch, ParseInput, ParseJob } from "./parse-jobs.js";

const debug = createDebug("anvil:graph");

/** Below this many files, a worker's start-up (loading TypeScript) costs more than it saves. */
const WORKER_THRESHOLD = 400;
const BATCH = 32;

/**
 * Reads, hashes, parses and resolves files on this thread and on worker threads at once.
 * Each side claims the next batch from a shared counter, so a slow file never leaves a core
 * idle. TypeScript is loaded only here, so a run that parses nothing never loads it.
 */
export async function parseFiles(
  root: string,
  jobs: ParseJob[],
  sources: string[],
): Promise<ParseBatch> {
  if (jobs.length === 0) return { results: [], notices: [] };
  const { parseJobs } = await import("./parse-jobs.js");
  const input: ParseInput = {
    root,
    jobs,
    sources,
    counter: new Int32Array(new SharedArrayBuffer(4)),
    batch: BATCH,
  };
  const workerFile = fileURLToPath(new URL("./parse-worker.js", import.meta.url));
  // Under a test runner the sources are TypeScript and there is no built worker to start.
  const workers = jobs.length < WORKER_THRESHOLD || !existsSync(workerFile) ? 0 : workerCount();
  const pending = Array.from({ length: workers }, () => runWorker(workerFile, input));
  const batch = parseJobs(input);
  for (const outcome of await Promise.allSettled(pending)) {
    if (outcome.status === "rejected") {
      debug("a parse worker failed; parsing its share here:", String(outcome.reason));
      continue;
    }
    batch.results.push(...outcome.value.results);
    for (const notice of outcome.value.notices) {
      if (!batch.notices.includes(notice)) batch.notices.push(notice);
    }
  }
  debug(`parsed ${jobs.length} files with ${workers} worker(s)`);
  if (batch.results.length === jobs.length) return batch;
  // A failed worker's claimed batches are lost with it: parse them here.
  const done = new Set(batch.results.map((result) => result.path));
  const missing = jobs.filter((job) => !done.has(job.path));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  batch.results.push(...parseJobs({ ...input, jobs: missing, counter }).results);
  return batch;
}

function runWorker(file: string, workerData: ParseInput): Promise<ParseBatch> {
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
