import type { CacheEntry } from "./cache.js";
import { CompilerSettings } from "./compiler-settings.js";
import { Resolver } from "./resolve.js";
import type { WorkspacePackage } from "./workspaces.js";

/**
 * Resolves the imports of the given entries in place, and returns what reading the
 * compiler settings had to say. Loaded only when some file needs resolving, since it
 * brings TypeScript with it.
 */
export function resolveEntries(
  root: string,
  sources: ReadonlySet<string>,
  workspaces: WorkspacePackage[],
  entries: [string, CacheEntry][],
): string[] {
  const settings = new CompilerSettings(root);
  const resolver = new Resolver(root, sources, settings, workspaces);
  for (const [path, entry] of entries) {
    const facts = entry.facts;
    const specifiers = [...facts.imports, ...facts.starExports].map((f) => f.specifier);
    entry.setResolutions(specifiers.map((specifier) => resolver.resolve(path, specifier)));
  }
  const root_ = settings.forDir("");
  const notices: string[] = [];
  if (!root_.path) {
    notices.push("no tsconfig.json or jsconfig.json at the root: using default compiler options");
  }
  for (const config of [root_, ...settings.configs()]) {
    for (const problem of config.problems) if (!notices.includes(problem)) notices.push(problem);
  }
  return notices;
}
