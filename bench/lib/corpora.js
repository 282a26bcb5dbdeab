import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * The TypeScript sources another npm package ships in its `src/` folder (zod,
 * @anthropic-ai/sdk, effect), analyzed as a repository of their own without a tsconfig.
 */
export function ensureNpmSources(name) {
  const dir = join(ensureNpmPackage(name), "src");
  if (!existsSync(dir)) throw new Error(`${name} ships no src/ folder to benchmark`);
  return dir;
}

/** How dependency-cruiser must be pointed at each corpus to see the same files as anvil. */
export function depcruiseTarget(dir) {
  if (readMarker(dir)) return { args: ["--ts-config", "tsconfig.json", "src"] };
  // viem's tsconfig extends a file the package does not ship, so it is not passed.
  if (dir.endsWith("/viem")) return { args: ["--exclude", "^(_cjs|_esm|_types)/", "."] };
  return { args: ["."] };
}

/** The file the one-edit step changes: the generator's choice, a widely used viem util, or a
 * file from the middle of the package's sources. */
export function editTarget(dir) {
  const marker = readMarker(dir);
  if (marker) return marker.editTarget;
  if (dir.endsWith("/viem")) return "utils/encoding/toHex.ts";
  const sources = readdirSync(dir, { recursive: true })
    .filter((path) => /\.ts$/.test(path) && !/(^|\/)index\.ts$|\.d\.ts$/.test(path))
    .sort();
  return sources[Math.floor(sources.length / 2)];
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
