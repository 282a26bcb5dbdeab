import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { ts } from "ts-morph";
import { createDebug } from "../debug.js";
import { UserError } from "../errors.js";
import { type CacheData, type CacheEntry, loadCache, saveCache } from "./cache.js";
import { CompilerSettings } from "./compiler-settings.js";
import { listFiles } from "./files.js";
import { parseFile } from "./parse.js";
import { RepoGraph } from "./repo-graph.js";
import { type Resolution, Resolver } from "./resolve.js";
import type { FileFacts, FileNode } from "./types.js";
import { findWorkspaces } from "./workspaces.js";

const debug = createDebug("anvil:graph");

/** Bumped whenever the parser's output changes shape or meaning, to retire old caches. */
const PARSER_VERSION = "1";

/** Larger files are listed as skipped: generated bundles and data, not hand-written code. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface AnalyzeOptions {
  /** Read and write `.anvil/cache/` (default true). */
  cache?: boolean;
}

/** Builds the repository's import graph at file and symbol level. */
export function analyzeRepo(repo: string, options: AnalyzeOptions = {}): RepoGraph {
  const root = checkRoot(repo);
  const started = performance.now();
  const listing = listFiles(root);
  const settings = new CompilerSettings(root);
  const rootConfig = settings.forDir("");
  const notices = [...rootConfig.problems];
  if (!rootConfig.path) {
    notices.push("no tsconfig.json or jsconfig.json at the root: using default compiler options");
  }
  const workspaces = findWorkspaces(root);
  const useCache = options.cache ?? true;
  const key = cacheKey(root, listing.projectFiles);
  const cache = useCache ? loadCache(root, key) : emptyCache(key);
  const fileSet = hashOf(listing.sources.join("\n"));
  const reuseResolutions = cache.fileSet === fileSet;
  debug(`listed ${listing.sources.length} files`, `${ms(started)} ms`);

  const entries = new Map<string, CacheEntry>();
  const files = new Map<string, FileNode>();
  let parsed = 0;
  for (const path of listing.sources) {
    const outcome = readEntry(root, path, cache.entries.get(path));
    if (outcome.kind === "skipped") {
      files.set(path, skippedNode(path, outcome.problem));
      continue;
    }
    if (outcome.kind === "parsed") parsed++;
    entries.set(path, outcome.entry);
  }
  debug(`parsed ${parsed}, reused ${entries.size - parsed}`, `${ms(started)} ms`);

  const sourceSet = new Set(listing.sources);
  const resolver = new Resolver(root, sourceSet, settings, workspaces);
  for (const [path, entry] of entries) {
    const fresh = cache.entries.get(path) !== entry || !reuseResolutions;
    if (fresh || !entry.resolutions) entry.resolutions = resolveAll(resolver, path, entry.facts);
    files.set(path, fileNode(path, entry.facts, entry.resolutions));
  }
  addDataFiles(files);
  for (const config of settings.configs()) {
    for (const problem of config.problems) if (!notices.includes(problem)) notices.push(problem);
  }
  debug("resolved imports", `${ms(started)} ms`);

  if (useCache && (parsed > 0 || !reuseResolutions || entries.size !== cache.entries.size)) {
    saveCache(root, { format: cache.format, key, fileSet, entries });
  }
  const graph = new RepoGraph(root, files, listing.projectFiles, {
    notices,
    skippedLinks: listing.skippedLinks,
  });
  debug(`graph of ${files.size} files`, `${ms(started)} ms`);
  return graph;
}

type ReadOutcome =
  { kind: "cached" | "parsed"; entry: CacheEntry } | { kind: "skipped"; problem: string };

function readEntry(root: string, path: string, cached: CacheEntry | undefined): ReadOutcome {
  const absolute = `${root}/${path}`;
  const stat = statSync(absolute);
  if (stat.size > MAX_FILE_BYTES) {
    return { kind: "skipped", problem: `larger than ${MAX_FILE_BYTES / 1024} KiB; not analyzed` };
  }
  if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) {
    return { kind: "cached", entry: cached };
  }
  const text = readFileSync(absolute, "utf8");
  const hash = hashOf(text);
  if (cached && cached.hash === hash) {
    return { kind: "cached", entry: { ...cached, size: stat.size, mtimeMs: stat.mtimeMs } };
  }
  const facts = parseSafely(path, text);
  return { kind: "parsed", entry: { size: stat.size, mtimeMs: stat.mtimeMs, hash, facts } };
}

function parseSafely(path: string, text: string): FileFacts {
  try {
    return parseFile(path, text);
  } catch (error) {
    // The parser recovers from syntax errors; anything thrown is a parser limit, and one
    // file must not stop the analysis of the rest.
    const message = error instanceof Error ? error.message : String(error);
    return {
      imports: [],
      exports: [],
      starExports: [],
      references: {},
      parseErrors: [{ line: 1, message }],
    };
  }
}

function resolveAll(resolver: Resolver, path: string, facts: FileFacts): Resolution[] {
  const specifiers = [...facts.imports, ...facts.starExports].map((f) => f.specifier);
  return specifiers.map((specifier) => resolver.resolve(path, specifier));
}

function fileNode(path: string, facts: FileFacts, resolutions: Resolution[]): FileNode {
  const imports = facts.imports.map((fact, i) => ({ ...fact, ...resolutions[i] }));
  const offset = facts.imports.length;
  const starExports = facts.starExports.map((star, i) => {
    const path = resolutions[offset + i]?.path;
    return path === undefined ? { ...star } : { ...star, path };
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

/** Imported files that are not code (JSON, styles): nodes with no imports of their own. */
function addDataFiles(files: Map<string, FileNode>): void {
  for (const node of [...files.values()]) {
    for (const fact of node.imports) {
      if (fact.path && !files.has(fact.path)) {
        const data: FileNode = {
          path: fact.path,
          status: "parsed",
          imports: [],
          exports: [],
          starExports: [],
          references: {},
        };
        files.set(fact.path, data);
      }
    }
  }
}

function skippedNode(path: string, problem: string): FileNode {
  return {
    path,
    status: "skipped",
    problem,
    imports: [],
    exports: [],
    starExports: [],
    references: {},
  };
}

function checkRoot(repo: string): string {
  const root = resolvePath(repo);
  let isDirectory = false;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    throw new UserError(`repository not found: ${repo} does not exist`);
  }
  if (!isDirectory) throw new UserError(`repository must be a directory: ${repo} is a file`);
  return root;
}

function cacheKey(root: string, projectFiles: readonly string[]): string {
  const hash = createHash("sha1").update(`${PARSER_VERSION}\0${ts.version}\0`);
  for (const file of projectFiles) {
    hash.update(file + "\0");
    try {
      hash.update(readFileSync(`${root}/${file}`));
    } catch {
      hash.update("unreadable");
    }
  }
  return hash.digest("hex");
}

function emptyCache(key: string): CacheData {
  return { format: 0, key, fileSet: "", entries: new Map() };
}

function hashOf(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

function ms(since: number): number {
  return Math.round(performance.now() - since);
}
