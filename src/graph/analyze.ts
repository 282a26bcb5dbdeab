import { existsSync, readFileSync, statSync } from "node:fs";
import { posix, resolve as resolvePath } from "node:path";
import { createDebug } from "../debug.js";
import { UserError } from "../errors.js";
import { VERSION } from "../version.js";
import { type CacheData, CacheEntry, emptyCache, loadCache, saveCache } from "./cache.js";
import { candidatesFor } from "./candidates.js";
import { LazyFileMap } from "./file-map.js";
import { listFiles } from "./files.js";
import { hashOf } from "./hash.js";
import type { ParseJob } from "./parse-jobs.js";
import { parseFiles } from "./parse-pool.js";
import { RepoGraph } from "./repo-graph.js";
import type { FileNode } from "./types.js";

const debug = createDebug("anvil:graph");

/** Bumped whenever the parser's output changes shape or meaning, to retire old caches. */
const PARSER_VERSION = "4";

/** Larger files are listed as skipped: generated bundles and data, not hand-written code. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface AnalyzeOptions {
  /** Read and write `.anvil/cache/` (default true). */
  cache?: boolean;
}

/** Builds the repository's import graph at file and symbol level. */
export async function analyzeRepo(repo: string, options: AnalyzeOptions = {}): Promise<RepoGraph> {
  const root = checkRoot(repo);
  const started = performance.now();
  const lap = (what: string) => debug(what, `${Math.round(performance.now() - started)} ms`);
  const listing = listFiles(root);
  const useCache = options.cache ?? true;
  const key = cacheKey(root, listing.projectFiles);
  const cache = useCache ? loadCache(root, key) : emptyCache(key);
  lap(`listed ${listing.sources.length} files, cache holds ${cache.entries.size}`);

  const { entries, skipped, jobs } = checkEntries(root, listing.sources, cache);
  const parsing = await parseChanged(root, jobs, listing.sources, entries, cache);
  lap(`parsed and resolved ${parsing.parsed} of ${listing.sources.length}`);

  const fileSet = hashOf(listing.sources.join("\n"));
  const sources = new Set(listing.sources);
  // Freshly parsed files were resolved against the current file list as they were parsed;
  // cached ones hold while that list is unchanged and no data file came or went.
  const stale = [...entries].filter(
    ([path, entry]) =>
      !entry.resolved ||
      (cache.entries.get(path) === entry && cache.fileSet !== fileSet) ||
      (entry.mentionsDataFiles && dataFilesChanged(root, path, entry, sources)),
  );
  // The cache is dropped whenever a config file changes, so its notices are still true.
  let notices = merge(cache.notices, parsing.notices);
  if (stale.length > 0) {
    const { resolveEntries } = await import("./resolve-entries.js");
    notices = merge(notices, resolveEntries(root, sources, stale));
  }
  lap(`resolved the imports of ${stale.length} files`);

  // Files read again only for a new mtime change no facts, but their entries must be saved
  // so the next run trusts them without reading.
  const changed = jobs.length > 0 || stale.length > 0 || entries.size !== cache.entries.size;
  if (useCache && changed) {
    saveCache(root, { ...cache, key, fileSet, notices, entries });
    lap("saved the cache");
  }
  const files = fileMap(entries, skipped);
  const graph = new RepoGraph(
    root,
    files,
    listing.projectFiles,
    { notices, skippedLinks: listing.skippedLinks },
    files.unclear,
  );
  lap(`built the graph of ${files.size} files`);
  return graph;
}

interface Checked {
  entries: Map<string, CacheEntry>;
  skipped: Map<string, string>;
  jobs: (ParseJob & { size: number; mtimeMs: number })[];
}

/** Reuses the cache entries whose size and mtime are unchanged; the rest must be read. */
function checkEntries(root: string, sources: string[], cache: CacheData): Checked {
  const checked: Checked = { entries: new Map(), skipped: new Map(), jobs: [] };
  for (const path of sources) {
    const stat = statSync(`${root}/${path}`);
    if (stat.size > MAX_FILE_BYTES) {
      checked.skipped.set(path, `larger than ${MAX_FILE_BYTES / 1024} KiB; not analyzed`);
      continue;
    }
    const cached = cache.entries.get(path);
    if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) {
      checked.entries.set(path, cached);
    } else {
      checked.jobs.push({ path, knownHash: cached?.hash, size: stat.size, mtimeMs: stat.mtimeMs });
    }
  }
  return checked;
}

/** Parses what changed; a file whose content hash is unchanged keeps its cache entry. */
async function parseChanged(
  root: string,
  jobs: Checked["jobs"],
  sources: string[],
  entries: Map<string, CacheEntry>,
  cache: CacheData,
): Promise<{ parsed: number; notices: string[] }> {
  const stats = new Map(jobs.map((job) => [job.path, job]));
  const batch = await parseFiles(root, jobs, sources);
  let parsed = 0;
  for (const result of batch.results) {
    const { size, mtimeMs } = stats.get(result.path)!;
    const cached = cache.entries.get(result.path);
    if (!result.facts && cached) {
      // Same content, new mtime: the entry stays valid, resolutions included.
      cached.size = size;
      cached.mtimeMs = mtimeMs;
      entries.set(result.path, cached);
      continue;
    }
    parsed++;
    const entry = CacheEntry.parsed(size, mtimeMs, result.hash, result.facts ?? cached!.facts);
    if (result.resolutions) entry.setResolutions(result.resolutions);
    entries.set(result.path, entry);
  }
  return { parsed, notices: batch.notices };
}

function merge(first: string[], second: string[]): string[] {
  return [...first, ...second.filter((notice) => !first.includes(notice))];
}

/**
 * Whether a cached resolution may have changed although no source file did: a data file
 * (JSON, styles) it found has gone, or one it missed has appeared. Source files are covered
 * by the file-set hash; data files are not listed, so they are checked here.
 */
function dataFilesChanged(
  root: string,
  path: string,
  entry: CacheEntry,
  sources: ReadonlySet<string>,
): boolean {
  const specifiers = [...entry.facts.imports, ...entry.facts.starExports];
  return (entry.resolutions ?? []).some((resolution, i) => {
    if (resolution.path !== undefined) {
      return !sources.has(resolution.path) && !existsSync(`${root}/${resolution.path}`);
    }
    const specifier = specifiers[i]?.specifier ?? "";
    if (resolution.unresolved !== "missing" || !specifier.startsWith(".")) return false;
    const base = posix.join(posix.dirname(path), specifier);
    return candidatesFor(base).some((candidate) => existsSync(`${root}/${candidate}`));
  });
}

/** The graph's files, built on demand from their entries; skipped files are built at once. */
function fileMap(entries: Map<string, CacheEntry>, skipped: Map<string, string>): LazyFileMap {
  const builders = new Map<string, () => FileNode>();
  for (const [path, entry] of entries) builders.set(path, () => fileNode(path, entry));
  for (const [path, problem] of skipped) {
    builders.set(path, () => emptyNode(path, "skipped", problem));
  }
  // Imported files that are not code (JSON, styles) become nodes with no imports of their own.
  for (const entry of entries.values()) {
    if (!entry.mentionsDataFiles) continue;
    for (const resolution of entry.resolutions ?? []) {
      const path = resolution.path;
      if (path && !builders.has(path)) builders.set(path, () => emptyNode(path, "parsed"));
    }
  }
  const unclear = [...skipped.keys()];
  for (const [path, entry] of entries) if (entry.unparsed) unclear.push(path);
  return new LazyFileMap(builders, unclear);
}

function fileNode(path: string, entry: CacheEntry): FileNode {
  const { facts, resolutions = [] } = entry;
  const imports = facts.imports.map((fact, i) => ({ ...fact, ...resolutions[i] }));
  const offset = facts.imports.length;
  const starExports = facts.starExports.map((star, i) => {
    const target = resolutions[offset + i]?.path;
    return target === undefined ? star : { ...star, path: target };
  });
  const node: FileNode = {
    path,
    status: facts.parseErrors.length > 0 ? "unparsed" : "parsed",
    imports,
    exports: facts.exports,
    starExports,
    references: facts.references,
  };
  const error = facts.parseErrors[0];
  if (error) node.problem = `line ${error.line}: ${error.message}`;
  return node;
}

function emptyNode(path: string, status: FileNode["status"], problem?: string): FileNode {
  const node: FileNode = {
    path,
    status,
    imports: [],
    exports: [],
    starExports: [],
    references: {},
  };
  if (problem) node.problem = problem;
  return node;
}

function checkRoot(repo: string): string {
  const root = resolvePath(repo);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    throw new UserError(`repository not found: ${repo} does not exist`);
  }
  if (!isDirectory)
    throw new UserError(`the repository must be a directory, and ${repo} is a file`);
  return root;
}

/** What every cache entry depends on besides its own file. */
function cacheKey(root: string, projectFiles: readonly string[]): string {
  const parts = [`${VERSION}\0${PARSER_VERSION}`];
  for (const file of projectFiles) {
    let content: string;
    try {
      content = readFileSync(`${root}/${file}`, "utf8");
    } catch {
      content = "unreadable";
    }
    parts.push(file, content);
  }
  return hashOf(parts.join("\0"));
}
