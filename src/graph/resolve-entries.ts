import type { CacheEntry } from "./cache.js";
import { CompilerSettings } from "./compiler-settings.js";
import { type Resolution, Resolver } from "./resolve.js";
import type { FileFacts } from "./types.js";
import { findWorkspaces } from "./workspaces.js";

/**
 * One thread's module resolution: the compiler settings and resolver, made on first use.
 * Loaded only when some file needs resolving, since it brings TypeScript with it.
 */
export class ResolverSession {
  private settings: CompilerSettings | undefined;
  private resolver: Resolver | undefined;

  constructor(
    private readonly root: string,
    private readonly sources: ReadonlySet<string>,
  ) {}

  /** Where each of a file's imports, then each of its star re-exports, leads. */
  resolve(path: string, facts: FileFacts): Resolution[] {
    if (!this.resolver) {
      this.settings = new CompilerSettings(this.root);
      const workspaces = findWorkspaces(this.root);
      this.resolver = new Resolver(this.root, this.sources, this.settings, workspaces);
    }
    const resolver = this.resolver;
    const specifiers = [...facts.imports, ...facts.starExports].map((f) => f.specifier);
    return specifiers.map((specifier) => resolver.resolve(path, specifier));
  }

  /** What reading the compiler settings had to say; empty when nothing was resolved. */
  notices(): string[] {
    if (!this.settings) return [];
    const rootConfig = this.settings.forDir("");
    const notices: string[] = [];
    if (!rootConfig.path) {
      notices.push("no tsconfig.json or jsconfig.json at the root: using default compiler options");
    }
    for (const config of [rootConfig, ...this.settings.configs()]) {
      for (const problem of config.problems) if (!notices.includes(problem)) notices.push(problem);
    }
    return notices;
  }
}

/** Resolves the imports of cached entries whose resolutions no longer hold, in place. */
export function resolveEntries(
  root: string,
  sources: ReadonlySet<string>,
  entries: [string, CacheEntry][],
): string[] {
  const session = new ResolverSession(root, sources);
  for (const [path, entry] of entries) entry.setResolutions(session.resolve(path, entry.facts));
  return session.notices();
}
