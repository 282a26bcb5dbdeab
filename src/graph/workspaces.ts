import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";

/** A package of a monorepo, importable by name from its siblings. */
export interface WorkspacePackage {
  name: string;
  /** Repo-relative directory, forward slashes. */
  dir: string;
}

/**
 * The workspace packages declared by the root `package.json` (`workspaces`) or by
 * `pnpm-workspace.yaml`. Patterns may end in `/*`; deeper globs are not expanded.
 */
export function findWorkspaces(root: string): WorkspacePackage[] {
  const patterns = [...npmPatterns(root), ...pnpmPatterns(root)];
  const dirs = new Set<string>();
  for (const pattern of patterns) {
    const clean = pattern.replace(/^\.\//, "").replace(/\/$/, "");
    if (clean.startsWith("!")) continue;
    if (clean.endsWith("/*") || clean.endsWith("/**")) {
      const parent = clean.replace(/\/\*\*?$/, "");
      for (const child of safeReaddir(join(root, parent))) dirs.add(`${parent}/${child}`);
    } else {
      dirs.add(clean);
    }
  }
  const packages: WorkspacePackage[] = [];
  for (const dir of [...dirs].sort()) {
    const manifest = readJson(join(root, dir, "package.json"));
    const name = manifest?.["name"];
    if (typeof name === "string") packages.push({ name, dir });
  }
  return packages;
}

/**
 * The files a workspace package's manifest names for `subpath` ("" for the package itself),
 * repo-relative: the `exports` entry (conditions flattened, `*` patterns filled in), or
 * without `exports`, the `types`, `module` and `main` fields.
 */
export function manifestTargets(root: string, pkg: WorkspacePackage, subpath: string): string[] {
  const manifest = readJson(join(root, pkg.dir, "package.json"));
  if (!manifest) return [];
  const key = subpath ? `./${subpath}` : ".";
  const targets =
    manifest["exports"] !== undefined
      ? exportTargets(manifest["exports"], key)
      : subpath
        ? []
        : ["types", "typings", "module", "main"].flatMap((field) => leaves(manifest[field]));
  return targets.map((target) => posix.join(pkg.dir, target));
}

function exportTargets(exports: unknown, key: string): string[] {
  const map = exports && typeof exports === "object" ? (exports as Record<string, unknown>) : {};
  const isSubpathMap = !Array.isArray(exports) && Object.keys(map).some((k) => k.startsWith("."));
  if (!isSubpathMap) return key === "." ? leaves(exports) : [];
  if (key in map) return leaves(map[key]);
  for (const [pattern, value] of Object.entries(map)) {
    const [prefix, suffix, extra] = pattern.split("*");
    if (prefix === undefined || suffix === undefined || extra !== undefined) continue;
    if (key.length < pattern.length - 1 || !key.startsWith(prefix) || !key.endsWith(suffix)) {
      continue;
    }
    const match = key.slice(prefix.length, key.length - suffix.length);
    return leaves(value).map((target) => target.replaceAll("*", match));
  }
  return [];
}

/** Every path in an `exports` value, whatever the conditions. */
function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [];
}

function npmPatterns(root: string): string[] {
  const workspaces = readJson(join(root, "package.json"))?.["workspaces"];
  if (Array.isArray(workspaces)) return workspaces.filter((w) => typeof w === "string");
  const nested = (workspaces as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(nested) ? nested.filter((w) => typeof w === "string") : [];
}

function pnpmPatterns(root: string): string[] {
  const file = join(root, "pnpm-workspace.yaml");
  if (!existsSync(file)) return [];
  const patterns: string[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line);
    if (match?.[1]) patterns.push(match[1]);
  }
  return patterns;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

export function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, "utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
