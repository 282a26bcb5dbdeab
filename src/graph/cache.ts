import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { createDebug } from "../debug.js";
import type { Resolution } from "./resolve.js";
import type { FileFacts } from "./types.js";

const debug = createDebug("anvil:cache");
const FORMAT = 2;

/** What the cache keeps of one file; valid while the file's content hash is unchanged. */
export interface CacheEntry {
  size: number;
  mtimeMs: number;
  hash: string;
  facts: FileFacts;
  /** Resolutions of `facts.imports` then `facts.starExports`, valid for `CacheData.fileSet`. */
  resolutions?: Resolution[];
}

export interface CacheData {
  format: number;
  /** Hash of what shapes every entry: anvil's parser version and the config files. */
  key: string;
  /** Hash of the sorted source file list: resolutions hold only while it is unchanged. */
  fileSet: string;
  /** What reading the compiler settings said, kept for runs that resolve nothing. */
  notices: string[];
  entries: Map<string, CacheEntry>;
}

export function cacheFile(root: string): string {
  return join(root, ".anvil", "cache", "graph.bin");
}

export function emptyCache(key: string): CacheData {
  return { format: FORMAT, key, fileSet: "", notices: [], entries: new Map() };
}

/** The stored cache when it was made under the same key, else an empty one. */
export function loadCache(root: string, key: string): CacheData {
  let data: CacheData;
  try {
    data = deserialize(readFileSync(cacheFile(root))) as CacheData;
  } catch {
    debug("no usable cache at", cacheFile(root));
    return emptyCache(key);
  }
  if (data.format !== FORMAT || data.key !== key || !(data.entries instanceof Map)) {
    debug("cache made under other settings; starting afresh");
    return emptyCache(key);
  }
  return data;
}

/** Writes the cache atomically; a failure only costs the next run its speed. */
export function saveCache(root: string, data: CacheData): void {
  const file = cacheFile(root);
  try {
    mkdirSync(join(root, ".anvil", "cache"), { recursive: true });
    writeFileSync(join(root, ".anvil", ".gitignore"), "*\n");
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(data));
    renameSync(temporary, file);
  } catch (error) {
    debug("could not write the cache:", String(error));
  }
}
