import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateRepo } from "./generate.js";

/** Bumped whenever the generator's output changes, so stale corpora are rewritten. */
const GENERATOR_VERSION = 1;
const MARKER = ".bench-corpus.json";

export const CORPORA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", ".corpora");

/** The generated repository of `count` TypeScript files, written on first use. */
export function ensureGenerated(count) {
  const dir = join(CORPORA_DIR, `gen-${count}`);
  if (readMarker(dir)?.version === GENERATOR_VERSION) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { files, editTarget } = generateRepo(dir, count);
  writeFileSync(
    join(dir, MARKER),
    JSON.stringify({ version: GENERATOR_VERSION, files, editTarget }),
  );
  return dir;
}

/**
 * viem's shipped TypeScript sources (about 1,500 `.ts` files beside its build output). A
 * root `.gitignore` keeps the build output (`_cjs`, `_esm`, `_types`) out of anvil's listing.
 */
export function ensureViem() {
  const dir = ensureNpmPackage("viem");
  const ignore = join(dir, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "_cjs\n_esm\n_types\nnode_modules\n");
  return dir;
}

/** How dependency-cruiser must be pointed at each corpus to see the same files as anvil. */
export function depcruiseTarget(dir) {
  if (readMarker(dir)) return { args: ["--ts-config", "tsconfig.json", "src"] };
  // viem's tsconfig extends a file the package does not ship, so it is not passed.
  return { args: ["--exclude", "^(_cjs|_esm|_types)/", "."] };
}

/** The file the one-edit step changes: the generator's choice, or a widely used viem util. */
export function editTarget(dir) {
  const marker = readMarker(dir);
  if (marker) return marker.editTarget;
  return "utils/encoding/toHex.ts";
}

function ensureNpmPackage(name) {
  const prefix = join(CORPORA_DIR, `npm-${name.replace(/[@/]/g, "-")}`);
  const dir = join(prefix, "node_modules", name);
  if (existsSync(join(dir, "package.json"))) return dir;
  mkdirSync(prefix, { recursive: true });
  const flags = ["--no-save", "--ignore-scripts", "--no-audit", "--no-fund"];
  execFileSync("npm", ["install", "--prefix", prefix, ...flags, name], { stdio: "inherit" });
  return dir;
}

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), "utf8"));
  } catch {
    return undefined;
  }
}
