import { posix } from "node:path";
import { ts, type Ts } from "./typescript.js";
import type { CompilerSettings } from "./compiler-settings.js";
import { isInside, toRepoPath } from "./files.js";
import { candidatesFor } from "./candidates.js";
import { FsCache } from "./fs-cache.js";
import type { ResolvedImport } from "./types.js";
import { manifestTargets, type WorkspacePackage } from "./workspaces.js";

export type Resolution = Pick<ResolvedImport, "path" | "external" | "unresolved">;

const MODULE_EXTENSION = /(\.d)?\.[mc]?[jt]sx?$/;
/** Folders that conventionally hold a package's build output, not its source. */
const OUTPUT_DIRS = new Set(["dist", "build", "lib", "out", "esm", "cjs", "types"]);

/**
 * Resolves import specifiers to repository files. Relative specifiers are matched against
 * the known file list directly (TypeScript's rules: `.js` naming `.ts`, extension probing,
 * index files); everything else goes through TypeScript's own resolver under the nearest
 * tsconfig, with workspace packages visible by name even when nothing is installed.
 */
export class Resolver {
  private readonly fs = new FsCache();
  private readonly caches = new Map<Ts.CompilerOptions, Ts.ModuleResolutionCache>();
  private readonly host: Ts.ModuleResolutionHost;
  private readonly workspaceByName: Map<string, WorkspacePackage>;
  /** Workspace specifiers resolved through the fallback; they do not depend on the importer. */
  private readonly workspaceMemo = new Map<string, Resolution>();

  constructor(
    private readonly root: string,
    private readonly files: ReadonlySet<string>,
    private readonly settings: CompilerSettings,
    private readonly workspaces: WorkspacePackage[],
  ) {
    this.workspaceByName = new Map(workspaces.map((w) => [w.name, w]));
    this.host = this.createHost();
  }

  resolve(from: string, specifier: string): Resolution {
    if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === ".") {
      const found = this.resolveRelative(from, specifier);
      if (found) return found;
    }
    return this.resolveWithTypeScript(from, specifier);
  }

  private resolveRelative(from: string, specifier: string): Resolution | undefined {
    const base = posix.join(posix.dirname(from), specifier);
    if (base === ".." || base.startsWith("../")) return { unresolved: "outside-repo" };
    for (const candidate of candidatesFor(base)) {
      if (this.files.has(candidate)) return { path: candidate };
    }
    return undefined;
  }

  private resolveWithTypeScript(from: string, specifier: string): Resolution {
    const dir = posix.dirname(from);
    const options = this.settings.forDir(dir === "." ? "" : dir).options;
    const containing = `${this.root}/${from}`;
    const result = ts.resolveModuleName(
      specifier,
      containing,
      options,
      this.host,
      this.cacheFor(options),
    );
    const resolved = result.resolvedModule?.resolvedFileName;
    if (resolved) return this.classify(this.unvirtual(resolved), specifier);
    return this.fallback(from, specifier);
  }

  private classify(absolute: string, specifier: string): Resolution {
    const real = this.fs.realpath(absolute);
    if (!isInside(this.root, real)) {
      // A path alias can point anywhere; only what comes from node_modules is a package.
      return isBare(specifier) && absolute.includes("/node_modules/")
        ? { external: packageName(specifier) }
        : { unresolved: "outside-repo" };
    }
    const rel = toRepoPath(posix.relative(this.root, real));
    if (rel.includes("node_modules/")) return { external: packageName(specifier) };
    if (this.files.has(rel)) return { path: rel };
    const workspace = this.workspaceFor(specifier);
    const source = workspace && this.sourceOf(workspace, rel);
    if (source) return { path: source };
    if (this.fs.fileExists(real)) return { path: rel };
    return { unresolved: "missing" };
  }

  /** Unbuilt workspace packages: try the source next to the missing build output. */
  private fallback(from: string, specifier: string): Resolution {
    const workspace = this.workspaceFor(specifier);
    if (workspace) return this.workspaceSource(workspace, specifier);
    if (isBare(specifier)) return { external: packageName(specifier) };
    const base = posix.join(posix.dirname(from), specifier);
    if (!specifier.startsWith("/") && this.fs.fileExists(`${this.root}/${base}`)) {
      return { path: base };
    }
    return { unresolved: "missing" };
  }

  /**
   * The source file of a workspace package that `specifier` means, from the build output
   * its manifest names or else from the subpath. A package of the repository is never an
   * outside package, even when its source cannot be found.
   */
  private workspaceSource(workspace: WorkspacePackage, specifier: string): Resolution {
    const memoized = this.workspaceMemo.get(specifier);
    if (memoized) return memoized;
    const subpath = specifier.slice(workspace.name.length).replace(/^\//, "");
    const guesses = ["", "src/"].map((dir) =>
      posix.join(workspace.dir, dir + (subpath || "index")),
    );
    const found =
      manifestTargets(this.root, workspace, subpath)
        .map((target) => this.sourceOf(workspace, target))
        .find((source) => source !== undefined) ??
      guesses.flatMap(candidatesFor).find((candidate) => this.files.has(candidate));
    const resolution: Resolution = found ? { path: found } : { unresolved: "missing" };
    this.workspaceMemo.set(specifier, resolution);
    return resolution;
  }

  /** The source file behind a (built or missing) file of a workspace package. */
  private sourceOf(workspace: WorkspacePackage, target: string): string | undefined {
    if (target !== workspace.dir && !target.startsWith(`${workspace.dir}/`)) return undefined;
    const stem = target.replace(MODULE_EXTENSION, "");
    const inside = stem.slice(workspace.dir.length + 1).split("/");
    const bases = [...this.configuredSource(workspace, inside), stem];
    while (inside.length > 1 && OUTPUT_DIRS.has(inside[0]!)) inside.shift();
    const rest = inside.join("/");
    bases.push(posix.join(workspace.dir, "src", rest), posix.join(workspace.dir, rest));
    return bases.flatMap(candidatesFor).find((c) => this.files.has(c));
  }

  /** The package's own tsconfig, when it says where output goes: `outDir` back to `rootDir`. */
  private configuredSource(workspace: WorkspacePackage, inside: string[]): string[] {
    const { outDir, rootDir } = this.settings.forDir(workspace.dir).options;
    if (!outDir) return [];
    const packageDir = `${this.root}/${workspace.dir}`;
    const out = toRepoPath(posix.relative(packageDir, outDir)).split("/");
    if (out[0] === ".." || !out.every((part, i) => inside[i] === part)) return [];
    const sourceDir = rootDir ? toRepoPath(posix.relative(this.root, rootDir)) : workspace.dir;
    return [posix.join(sourceDir, ...inside.slice(out.length))];
  }

  private workspaceFor(specifier: string): WorkspacePackage | undefined {
    const name = packageName(specifier);
    return this.workspaceByName.get(name);
  }

  private cacheFor(options: Ts.CompilerOptions): Ts.ModuleResolutionCache {
    let cache = this.caches.get(options);
    if (!cache) {
      cache = ts.createModuleResolutionCache(this.root, (f) => f, options);
      this.caches.set(options, cache);
    }
    return cache;
  }

  /** A host that shows each workspace package at `<root>/node_modules/<name>`. */
  private createHost(): Ts.ModuleResolutionHost {
    const map = (path: string) => this.unvirtual(path);
    return {
      fileExists: (path) => this.fs.fileExists(map(path)),
      directoryExists: (path) => this.fs.directoryExists(map(path)),
      readFile: (path) => this.fs.readFile(map(path)),
      realpath: (path) => this.fs.realpath(map(path)),
      getCurrentDirectory: () => this.root,
    };
  }

  private unvirtual(path: string): string {
    if (this.workspaces.length === 0) return path;
    const prefix = `${this.root}/node_modules/`;
    if (!path.startsWith(prefix)) return path;
    const name = packageName(path.slice(prefix.length));
    const workspace = this.workspaceByName.get(name);
    if (!workspace) return path;
    return `${this.root}/${workspace.dir}${path.slice(prefix.length + name.length)}`;
  }
}

function isBare(specifier: string): boolean {
  return !specifier.startsWith(".") && !specifier.startsWith("/") && !specifier.startsWith("#");
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}
