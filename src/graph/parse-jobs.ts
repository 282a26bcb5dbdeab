import { readFileSync } from "node:fs";
import { hashOf } from "./hash.js";
import { parseFile } from "./parse.js";
import type { FileFacts } from "./types.js";

/** A file to parse, with the content hash the cache knows for it (to skip parsing). */
export interface ParseJob {
  path: string;
  knownHash?: string;
}

/** `facts` is absent when the content hash matched `knownHash`. */
export interface ParseResult {
  path: string;
  hash: string;
  facts?: FileFacts;
}

/**
 * Parses batches of `jobs` claimed from a counter shared with other threads, until none is
 * left. Every thread that parses runs this same loop.
 */
export function parseJobs(
  root: string,
  jobs: ParseJob[],
  counter: Int32Array,
  batch: number,
): ParseResult[] {
  const results: ParseResult[] = [];
  for (let start = Atomics.add(counter, 0, batch); start < jobs.length;) {
    for (const job of jobs.slice(start, start + batch)) results.push(parseJob(root, job));
    start = Atomics.add(counter, 0, batch);
  }
  return results;
}

function parseJob(root: string, job: ParseJob): ParseResult {
  let text: string;
  try {
    text = readFileSync(`${root}/${job.path}`, "utf8");
  } catch (error) {
    return { path: job.path, hash: "", facts: failed(`cannot read the file: ${String(error)}`) };
  }
  const hash = hashOf(text);
  if (hash === job.knownHash) return { path: job.path, hash };
  try {
    return { path: job.path, hash, facts: parseFile(job.path, text) };
  } catch (error) {
    // The parser recovers from syntax errors; anything thrown is a parser limit, and one
    // file must not stop the analysis of the rest.
    return { path: job.path, hash, facts: failed(`the parser failed: ${String(error)}`) };
  }
}

function failed(message: string): FileFacts {
  return {
    imports: [],
    exports: [],
    starExports: [],
    references: {},
    parseErrors: [{ line: 1, message }],
  };
}
