import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { type Command, Option } from "commander";
import { analyzeRepo } from "../../graph/analyze.js";
import { REACH_LEVELS, type ReachLevel } from "../../graph/reach.js";
import type { RepoGraph } from "../../graph/repo-graph.js";
import type { Hop } from "../../graph/types.js";
import { toRepoPath } from "../../graph/files.js";
import { UserError } from "../../errors.js";
import { graphToDot, graphToMermaid } from "../../report/graph/diagram.js";
import { describeHop, graphToJson } from "../../report/graph/json.js";
import { graphToText } from "../../report/graph/text.js";
import { type Io, styleFor } from "../io.js";

const FORMATS = ["text", "json", "dot", "mermaid"] as const;

interface GraphOptions {
  repo: string;
  format: (typeof FORMATS)[number];
  json?: boolean;
  cache: boolean;
}

interface WhyOptions {
  repo: string;
  level: ReachLevel;
  json?: boolean;
  cache: boolean;
}

export function registerGraph(program: Command, io: Io, setCode: (code: number) => void): void {
  const graph = program
    .command("graph")
    .description("analyze the repository's import graph at file and symbol level")
    .option("-r, --repo <dir>", "repository to analyze", ".")
    .addOption(
      new Option("-f, --format <format>", "output format").choices(FORMATS).default("text"),
    )
    .option("--json", "same as --format json")
    .option("--no-cache", "ignore and do not write .anvil/cache/")
    .addHelpText(
      "after",
      "\nResolution follows the nearest tsconfig.json (paths, baseUrl, moduleResolution),\n" +
        "workspace packages by name, and re-export chains down to the declaring file.",
    )
    .action(async (options: GraphOptions) => {
      const repoGraph = await analyzeRepo(resolve(io.cwd, options.repo), { cache: options.cache });
      const format = options.json ? "json" : options.format;
      io.stdout(formatGraph(repoGraph, format, io));
      setCode(0);
    });

  graph
    .command("why")
    .description("show the shortest import chain from one file to another, hop by hop")
    .argument("<from>", "the importing file (repo-relative, or relative to the current directory)")
    .argument("<to>", "the file that may be reached")
    .option("-r, --repo <dir>", "repository to analyze", ".")
    .addOption(
      new Option("--level <level>", "how far a chain counts")
        .choices(REACH_LEVELS)
        .default("transitive"),
    )
    .option("--json", "print { from, to, level, chain } as JSON")
    .option("--no-cache", "ignore and do not write .anvil/cache/")
    .action(async (from: string, to: string, options: WhyOptions) => {
      const root = resolve(io.cwd, options.repo);
      const repoGraph = await analyzeRepo(root, { cache: options.cache });
      const fromPath = repoPath(repoGraph, io.cwd, from);
      const toPath = repoPath(repoGraph, io.cwd, to);
      const chain = repoGraph.reach([fromPath], options.level).chainTo({ file: toPath }) ?? null;
      if (options.json) {
        io.stdout(
          JSON.stringify({ from: fromPath, to: toPath, level: options.level, chain }, null, 2) +
            "\n",
        );
      } else {
        io.stdout(describeWhy(repoGraph, fromPath, toPath, options.level, chain));
      }
      setCode(0);
    });
}

function formatGraph(graph: RepoGraph, format: GraphOptions["format"], io: Io): string {
  switch (format) {
    case "json":
      return JSON.stringify(graphToJson(graph), null, 2) + "\n";
    case "dot":
      return graphToDot(graph);
    case "mermaid":
      return graphToMermaid(graph);
    case "text":
      return graphToText(graph, styleFor(io));
  }
}

function describeWhy(
  graph: RepoGraph,
  from: string,
  to: string,
  level: ReachLevel,
  chain: Hop[] | null,
): string {
  if (!chain) {
    const fileChain = level === "file" ? null : graph.reach([from], "file").chainTo({ file: to });
    const lines = [`no path from ${from} to ${to} at ${level} level`];
    if (fileChain) {
      lines.push(
        `(a file-level chain exists, ${fileChain.length} hops, but no symbol it carries leads to ${to};`,
        ` see --level file)`,
      );
    }
    return lines.join("\n") + "\n";
  }
  const lines = [
    `${from} → ${to} (${level} level, ${chain.length} hop${chain.length === 1 ? "" : "s"})`,
  ];
  for (const hop of chain) lines.push(`  ${describeHop(hop)}`);
  return lines.join("\n") + "\n";
}

/** Accepts a path relative to the repository or to the current directory. */
function repoPath(graph: RepoGraph, cwd: string, path: string): string {
  const candidates = [toRepoPath(path).replace(/^\.\//, "")];
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  if (existsSync(absolute)) candidates.unshift(toRepoPath(relative(graph.root, absolute)));
  const found = candidates.find((c) => graph.files.has(c));
  if (found) return found;
  throw new UserError(
    `${path} is not a source file of the repository at ${graph.root} (paths are repo-relative)`,
  );
}
