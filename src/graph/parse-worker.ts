import { parentPort, workerData } from "node:worker_threads";
import { type ParseJob, parseJobs } from "./parse-jobs.js";

interface WorkerInput {
  root: string;
  jobs: ParseJob[];
  counter: Int32Array;
  batch: number;
}

const input = workerData as WorkerInput;
parentPort?.postMessage(parseJobs(input.root, input.jobs, input.counter, input.batch));
