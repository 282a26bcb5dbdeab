import { readFileSync } from "node:fs";
import { hashOf } from "./hash.js";
import { parseFile } from "./parse.js";
import { type Resolution } from "./resolve.js";
import { ResolverSession } from "./resolve-entries.js";
import type { FileFacts } from "./types.js";

/** A file to parse, with the content hash the cache knows for it (to skip parsing). */
export interface ParseJob {
  path: string;
  knownHash?: string;
}

/**
 * `facts` is absent when the content hash matched `knownHash`; otherwise `resolutions`
 * holds where its imports lead, resolved against the whole source list.
 */
export interface ParseResult {
  path: string;
  hash: string;
  facts?: FileFacts;
  resolutions?: Resolution[];
}

/** What one parsing thread hands back: its results, and what the compiler settings said. */
export interface ParseBatch {
  results: ParseResult[];
  notices: string[];
}

export interface ParseInput {
  root: string;
  jobs: ParseJob[];
  /** Every source file of the repository: what imports may resolve to. */
  sources: string[];
  /** Shared by all parsing threads: the index of the next batch to claim. */
  counter: Int32Array;
  batch: number;
}

/**
 * Parses and resolves batches of jobs claimed from a counter shared with other threads,
 * until none is left. Every thread that parses runs this same loop, so resolution, too, is
 * spread over the cores.
 */
export function parseJobs(input: ParseInput): ParseBatch {
  const { root, jobs, counter, batch } = input;
  const session = new ResolverSession(root, new Set(input.sources));
  const results: ParseResult[] = [];
  for (let start = Atomics.add(counter, 0, batch); start < jobs.length;) {
    for (const job of jobs.slice(start, start + batch)) {
      const result = parseJob(root, job);
      if (result.facts) result.resolutions = session.resolve(job.path, result.facts);
      results.push(result);
    }
    start = Atomics.add(counter, 0, batch);
  }
  return { results, notices: session.notices() };
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
