import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";

/**
 * Directory listings read once and kept: module resolution asks "does this file exist"
 * for many candidates in the same few directories.
 */
export class FsCache {
  private readonly listings = new Map<string, Map<string, "file" | "dir">>();
  private readonly realpaths = new Map<string, string>();

  fileExists(path: string): boolean {
    return this.list(dirname(path)).get(basename(path)) === "file";
  }

  directoryExists(path: string): boolean {
    if (path === dirname(path)) return true;
    return this.list(dirname(path)).get(basename(path)) === "dir";
  }

  readFile(path: string): string | undefined {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  }

  realpath(path: string): string {
    let real = this.realpaths.get(path);
    if (real === undefined) {
      try {
        real = realpathSync(path);
      } catch {
        real = path;
      }
      this.realpaths.set(path, real);
    }
    return real;
  }

  private list(dir: string): Map<string, "file" | "dir"> {
    let entries = this.listings.get(dir);
    if (entries) return entries;
    entries = new Map();
    try {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) entries.set(entry.name, "dir");
        else if (entry.isFile()) entries.set(entry.name, "file");
        else if (entry.isSymbolicLink()) addLink(entries, dir, entry.name);
      }
    } catch {
      // A missing or unreadable directory simply has no entries.
    }
    this.listings.set(dir, entries);
    return entries;
  }
}

function addLink(entries: Map<string, "file" | "dir">, dir: string, name: string): void {
  try {
    entries.set(name, statSync(`${dir}/${name}`).isDirectory() ? "dir" : "file");
  } catch {
    // A dangling link resolves to nothing.
  }
}
