import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { createDebug } from "../debug.js";
import type { Resolution } from "./resolve.js";
import type { FileFacts } from "./types.js";

const debug = createDebug("anvil:cache");
const FORMAT = 3;
const CHUNK = 1 << 20;

interface Decoded {
  facts: FileFacts;
  resolutions?: Resolution[];
}

/**
 * What the cache keeps of one file; valid while the file's content hash is unchanged. An
 * entry read from disk stays an encoded row until something asks for its facts, so a run
 * that touches a few files decodes a few files, and saving re-encodes only what changed.
 */
export class CacheEntry {
  private decoded: Decoded | undefined;

  private constructor(
    public size: number,
    public mtimeMs: number,
    readonly hash: string,
    /** `u`: the file did not parse cleanly; `d`: an import names a data file or is missing. */
    private flagsValue: string,
    private encoded: string | undefined,
  ) {}

  static parsed(size: number, mtimeMs: number, hash: string, facts: FileFacts): CacheEntry {
    const entry = new CacheEntry(size, mtimeMs, hash, "", undefined);
    entry.decoded = { facts };
    entry.flagsValue = flagsOf(entry.decoded);
    return entry;
  }

  /** A row written by `row`, or undefined when it is damaged. */
  static fromRow(line: string): [string, CacheEntry] | undefined {
    const fields: string[] = [];
    let at = 0;
    for (let i = 0; i < 5; i++) {
      const tab = line.indexOf("\t", at);
      if (tab === -1) return undefined;
      fields.push(line.slice(at, tab));
      at = tab + 1;
    }
    const [path, size, mtimeMs, hash, flags] = fields;
    const entry = new CacheEntry(Number(size), Number(mtimeMs), hash!, flags!, line.slice(at));
    return [JSON.parse(path!) as string, entry];
  }

  get facts(): FileFacts {
    return this.decode().facts;
  }

  get resolutions(): Resolution[] | undefined {
    return this.decode().resolutions;
  }

  /** Rows are written only after resolution, so a decoded-or-not entry knows without decoding. */
  get resolved(): boolean {
    return this.encoded !== undefined || this.decoded?.resolutions !== undefined;
  }

  get unparsed(): boolean {
    return this.flagsValue.includes("u");
  }

  /** Whether an import leads to a data file or nowhere: those must be checked every run. */
  get mentionsDataFiles(): boolean {
    return this.flagsValue.includes("d");
  }

  setResolutions(resolutions: Resolution[]): void {
    const decoded = this.decode();
    decoded.resolutions = resolutions;
    this.encoded = undefined;
    this.flagsValue = flagsOf(decoded);
  }

  row(path: string): string {
    // A decoded entry is not kept encoded as well: that would hold every file twice.
    const encoded = this.encoded ?? JSON.stringify(this.decode());
    const head = [JSON.stringify(path), this.size, this.mtimeMs, this.hash, this.flagsValue];
    return `${head.join("\t")}\t${encoded}`;
  }

  private decode(): Decoded {
    this.decoded ??= JSON.parse(this.encoded!) as Decoded;
    return this.decoded;
  }
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
  return join(root, ".anvil", "cache", "graph.tsv");
}

export function emptyCache(key: string): CacheData {
  return { format: FORMAT, key, fileSet: "", notices: [], entries: new Map() };
}

/** The stored cache when it was made under the same key, else an empty one. */
export function loadCache(root: string, key: string): CacheData {
  let lines: string[];
  let header: Omit<CacheData, "entries">;
  try {
    lines = readFileSync(cacheFile(root), "utf8").split("\n");
    header = JSON.parse(lines[0]!) as Omit<CacheData, "entries">;
  } catch {
    debug("no usable cache at", cacheFile(root));
    return emptyCache(key);
  }
  if (header.format !== FORMAT || header.key !== key) {
    debug("cache made under other settings; starting afresh");
    return emptyCache(key);
  }
  const entries = new Map<string, CacheEntry>();
  for (let i = 1; i < lines.length; i++) {
    const row = lines[i] ? CacheEntry.fromRow(lines[i]!) : undefined;
    if (row) entries.set(row[0], row[1]);
  }
  return { ...header, notices: header.notices ?? [], entries };
}

/** Writes the cache atomically; a failure only costs the next run its speed. */
export function saveCache(root: string, data: CacheData): void {
  const file = cacheFile(root);
  try {
    mkdirSync(join(root, ".anvil", "cache"), { recursive: true });
    writeFileSync(join(root, ".anvil", ".gitignore"), "*\n");
    const { entries, ...header } = data;
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, "w");
    try {
      // Written in chunks: one string of the whole cache would double the peak memory.
      let chunk = JSON.stringify(header) + "\n";
      for (const [path, entry] of entries) {
        chunk += entry.row(path) + "\n";
        if (chunk.length > CHUNK) {
          writeSync(fd, chunk);
          chunk = "";
        }
      }
      writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    debug("could not write the cache:", String(error));
  }
}

function flagsOf({ facts, resolutions }: Decoded): string {
  let flags = facts.parseErrors.length > 0 ? "u" : "";
  const specifiers = [...facts.imports, ...facts.starExports];
  const mentionsData = (resolutions ?? []).some(
    (r, i) =>
      (r.path !== undefined && !isSourcePath(r.path)) ||
      (r.unresolved === "missing" && specifiers[i]?.specifier.startsWith(".")),
  );
  if (mentionsData) flags += "d";
  return flags;
}

function isSourcePath(path: string): boolean {
  return /\.[mc]?[jt]sx?$/.test(path);
}
