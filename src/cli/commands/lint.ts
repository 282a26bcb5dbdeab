import { isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Command, Option } from "commander";
import { analyzeRepo } from "../../graph/analyze.js";
import { toRepoPath } from "../../graph/files.js";
import { REACH_LEVELS, type ReachLevel } from "../../graph/reach.js";
import { type LoadedPlan, loadPlan } from "../../plan/index.js";
import { verdictToMermaid } from "../../report/validate/mermaid.js";
import { verdictToSarif } from "../../report/validate/sarif.js";
import { verdictToText } from "../../report/validate/text.js";
import { hasFindings } from "../../report/validate/words.js";
import { DEFAULT_PRUNE, type PlanVerdict, validatePlan } from "../../validate/index.js";
import { type Io, styleFor } from "../io.js";

const FORMATS = ["text", "json", "sarif", "mermaid"] as const;

interface LintOptions {
  repo: string;
  format: (typeof FORMATS)[number];
  prune: ReachLevel;
  cache: boolean;
}

/** The options every command that validates a plan file shares. */
export interface ValidateFileOptions {
  repo: string;
  prune: ReachLevel;
  cache: boolean;
}

export function pruneOption(): Option {
  return new Option("--prune <level>", "how far import chains count: direct, transitive or file")
    .choices(REACH_LEVELS)
    .default(DEFAULT_PRUNE);
}

export function registerLint(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("lint")
    .description("check a plan's dependencies against the import graph: false, missing, unprovable")
    .argument("<plan>", "the plan file (JSON; `anvil schema` prints its schema)")
    .option("-r, --repo <dir>", "repository the plan is for", ".")
    .addOption(
      new Option("-f, --format <format>", "output format").choices(FORMATS).default("text"),
    )
    .addOption(pruneOption())
    .option("--no-cache", "ignore and do not write .anvil/cache/")
    .addHelpText(
      "after",
      "\nExit codes: 0 every edge kept and no warning, 1 an edge pruned or added or a warning,\n" +
        "2 the plan or the options are invalid (the message names the task and field).",
    )
    .action(async (planFile: string, options: LintOptions) => {
      const { loaded, verdict } = await validateFile(planFile, options, io);
      io.stdout(formatLint(verdict, loaded, options.format, planFile, io));
      setCode(hasFindings(verdict) ? 1 : 0);
    });
}

/** Loads and checks a plan file (exit 2 on errors), analyzes the repository, validates. */
export async function validateFile(
  planFile: string,
  options: ValidateFileOptions,
  io: Io,
): Promise<{ loaded: LoadedPlan; verdict: PlanVerdict }> {
  const root = resolve(io.cwd, options.repo);
  const loaded = loadPlan({ file: resolve(io.cwd, planFile), name: planFile }, root);
  const graph = await analyzeRepo(root, { cache: options.cache });
  const verdict = validatePlan(loaded.plan, graph, {
    prune: options.prune,
    diagnostics: loaded.diagnostics,
  });
  return { loaded, verdict };
}

function formatLint(
  verdict: PlanVerdict,
  loaded: LoadedPlan,
  format: LintOptions["format"],
  planFile: string,
  io: Io,
): string {
  switch (format) {
    case "json":
      return JSON.stringify(verdict, null, 2) + "\n";
    case "sarif": {
      const uri = sarifUri(planFile, io.cwd);
      return (
        JSON.stringify(verdictToSarif(verdict, { uri, taskLines: loaded.taskLines }), null, 2) +
        "\n"
      );
    }
    case "mermaid":
      return verdictToMermaid(verdict);
    case "text":
      return verdictToText(verdict, planFile, styleFor(io));
  }
}

/** Code scanning resolves relative URIs against the checkout, where the command runs. */
function sarifUri(planFile: string, cwd: string): string {
  const absolute = resolve(cwd, planFile);
  const rel = relative(cwd, absolute);
  if (rel.startsWith("..") || isAbsolute(rel)) return pathToFileURL(absolute).href;
  return toRepoPath(rel);
}
