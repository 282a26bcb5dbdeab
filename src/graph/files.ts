import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** Directories never analyzed: dependencies, build output kept by convention, VCS data. */
const ALWAYS_SKIPPED = new Set(["node_modules", "bower_components", "jspm_packages"]);

export interface Listing {
  /** Repo-relative source files, sorted. */
  sources: string[];
  /** Repo-relative project-wide files that exist (package.json, tsconfig*, lockfiles, ...). */
  projectFiles: string[];
  /** Symlinks not followed: a loop, or a target outside the repository. */
  skippedLinks: { path: string; reason: "loop" | "outside-repo" }[];
}

/**
 * Lists the repository's source files. Skips `node_modules`, hidden directories (`.git`,
 * `.anvil`, ...) and directories named plainly in the root `.gitignore` (`dist`, `build/`).
 * Symlinks are followed only while they stay inside the repository and make no loop.
 */
export function listFiles(root: string): Listing {
  const realRoot = realpathSync(root);
  const ignored = plainIgnores(root);
  const listing: Listing = { sources: [], projectFiles: [], skippedLinks: [] };
  const visited = new Set<string>([realRoot]);
  const walk = (dir: string, realDir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const rel = toRepoPath(relative(root, full));
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let real = join(realDir, entry.name);
      if (entry.isSymbolicLink()) {
        const target = safeRealpath(full);
        if (!target || !isInside(realRoot, target)) {
          listing.skippedLinks.push({ path: rel, reason: "outside-repo" });
          continue;
        }
        real = target;
        const stat = statSync(target);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
        // A link to the folder it sits in, or to one above, would list those files again.
        if (isDir && (visited.has(target) || isInside(target, realDir))) {
          listing.skippedLinks.push({ path: rel, reason: "loop" });
          continue;
        }
        if (isDir) visited.add(target);
      }
      if (isDir) {
        if (entry.name.startsWith(".") || ALWAYS_SKIPPED.has(entry.name)) continue;
        if (ignored.has(entry.name) || ignored.has(rel)) continue;
        walk(full, real);
      } else if (isFile) {
        if (isProjectWide(rel)) listing.projectFiles.push(rel);
        if (isSource(entry.name)) listing.sources.push(rel);
      }
    }
  };
  walk(root, realRoot);
  listing.sources.sort();
  listing.projectFiles.sort();
  return listing;
}

export function isSource(name: string): boolean {
  const dot = name.lastIndexOf(".");
  return dot > 0 && SOURCE_EXTENSIONS.includes(name.slice(dot)) && !name.endsWith(".min.js");
}

const PROJECT_WIDE_NAMES = new Set([
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  "bun.lockb",
  "bun.lock",
  "deno.json",
  "deno.lock",
  ".npmrc",
  ".babelrc",
  ".swcrc",
  ".browserslistrc",
  "turbo.json",
  "nx.json",
  "lerna.json",
  "biome.json",
  "babel.config.json",
]);

const PROJECT_WIDE_PATTERNS = [
  /^tsconfig.*\.json$/,
  /^jsconfig.*\.json$/,
  /^\.eslintrc(\..+)?$/,
  /^eslint\.config\.[cm]?[jt]s$/,
  /^\.prettierrc(\..+)?$/,
  /^prettier\.config\.[cm]?[jt]s$/,
  /^(vite|vitest|webpack|rollup|esbuild|tsup|jest|babel|next|nuxt|svelte|astro|playwright)\.config\.[cm]?[jt]s$/,
  /^(vite|vitest)\.workspace\.[cm]?[jt]s$/,
];

/** A file that shapes the whole build, so any task writing it interacts with every task. */
export function isProjectWide(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return PROJECT_WIDE_NAMES.has(name) || PROJECT_WIDE_PATTERNS.some((p) => p.test(name));
}

/**
 * A file a change to which can reach every file without an import: project-wide files, and
 * declaration files, which may declare globals or augment any module.
 */
export function reachesEveryFile(path: string): boolean {
  return isProjectWide(path) || /\.d\.[mc]?ts$/.test(path);
}

export function toRepoPath(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Plain names and paths from the root `.gitignore`; glob patterns are not interpreted. */
function plainIgnores(root: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(join(root, ".gitignore"), "utf8");
  } catch {
    return new Set();
  }
  const names = new Set<string>();
  for (const raw of text.split("\n")) {
    const line = raw.trim().replace(/^\//, "").replace(/\/$/, "");
    if (line && !line.startsWith("#") && !line.startsWith("!") && !/[*?[\]]/.test(line)) {
      names.add(line);
    }
  }
  return names;
}
