import { parentPort, workerData } from "node:worker_threads";
import { type ParseInput, parseJobs } from "./parse-jobs.js";

parentPort?.postMessage(parseJobs(workerData as ParseInput));
