import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { ts, type Ts } from "./typescript.js";

const DEFAULT_OPTIONS: Ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.Preserve,
};

export interface ConfigFile {
  /** Repo-relative path of the tsconfig/jsconfig, or undefined for the defaults. */
  path: string | undefined;
  options: Ts.CompilerOptions;
  /** Problems reading the file, as the user should see them. */
  problems: string[];
}

/**
 * The compiler options that govern each directory: those of the nearest `tsconfig.json`
 * (or `jsconfig.json`) between it and the repository root, `extends` followed.
 */
export class CompilerSettings {
  private readonly byDir = new Map<string, ConfigFile>();
  private readonly byConfig = new Map<string, ConfigFile>();

  constructor(private readonly root: string) {}

  /** `dir` is repo-relative ("" for the root). */
  forDir(dir: string): ConfigFile {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const found = this.findConfig(dir);
    this.byDir.set(dir, found);
    return found;
  }

  /** Every config file read so far. */
  configs(): ConfigFile[] {
    return [...this.byConfig.values()];
  }

  private findConfig(dir: string): ConfigFile {
    for (const name of ["tsconfig.json", "jsconfig.json"]) {
      const rel = dir ? `${dir}/${name}` : name;
      if (existsSync(join(this.root, rel))) return this.load(rel);
    }
    if (dir === "") return this.load(undefined);
    const parent = dirname(dir);
    return this.forDir(parent === "." ? "" : parent);
  }

  private load(rel: string | undefined): ConfigFile {
    const key = rel ?? "";
    const cached = this.byConfig.get(key);
    if (cached) return cached;
    const config = rel === undefined ? defaults() : readConfig(this.root, rel);
    this.byConfig.set(key, config);
    return config;
  }
}

function defaults(): ConfigFile {
  return { path: undefined, options: { ...DEFAULT_OPTIONS }, problems: [] };
}

function readConfig(root: string, rel: string): ConfigFile {
  const file = join(root, rel);
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) {
    const problem = `${rel}: ${ts.flattenDiagnosticMessageText(read.error.messageText, " ")}`;
    return { path: rel, options: { ...DEFAULT_OPTIONS }, problems: [problem] };
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, optionsOnly(), dirname(file), {}, file);
  const problems = parsed.errors
    // "No inputs were found" only means the include globs match nothing we care about.
    .filter((d) => d.code !== 18003)
    .map((d) => `${rel}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  return {
    path: rel,
    options: { allowJs: true, resolveJsonModule: true, ...parsed.options },
    problems,
  };
}

/**
 * A config host that reads files (for `extends`) but lists no directories: anvil needs a
 * config's options, not the file list its `include` globs expand to, which would walk the
 * whole tree once per tsconfig.
 */
function optionsOnly(): Ts.ParseConfigHost {
  return {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    fileExists: (path) => ts.sys.fileExists(path),
    readFile: (path) => ts.sys.readFile(path),
    readDirectory: () => [],
  };
}
