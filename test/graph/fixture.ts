import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import type { RepoGraph } from "../../src/graph/repo-graph.js";
import type { SymbolLink } from "../../src/graph/symbols.js";
import type { Hop, ResolvedImport } from "../../src/graph/types.js";
import { FIXTURES } from "../helpers/exec.js";

export const REPOS = `${FIXTURES}/repos`;

export const SCENARIOS = [
  "barrels",
  "path-aliases",
  "type-only",
  "js-specifiers",
  "dynamic-imports",
  "commonjs",
  "cycles",
  "workspace",
  "syntax-error",
  "side-effects",
] as const;

export type Scenario = (typeof SCENARIOS)[number];

/** Analyzes a checked-in fixture without touching its folder (no cache written). */
export async function analyzeFixture(scenario: Scenario): Promise<RepoGraph> {
  return await analyzeRepo(`${REPOS}/${scenario}`, { cache: false });
}

/** Every import of the repository, one line each: `from:line kind {names} -> target`. */
export function importLines(graph: RepoGraph): string[] {
  const lines: string[] = [];
  for (const path of [...graph.files.keys()].sort()) {
    for (const fact of graph.files.get(path)!.imports) lines.push(importLine(path, fact));
  }
  return lines;
}

function importLine(path: string, fact: ResolvedImport): string {
  const names = fact.names.map((n) => (n.typeOnly ? `type ${n.name}` : n.name)).join(", ");
  const target = fact.path ?? (fact.external ? `package ${fact.external}` : fact.unresolved);
  return `${path}:${fact.line} ${fact.kind} {${names}} -> ${target}`;
}

/** The file → file edges of the graph as `from -> to`, sorted. */
export function fileEdges(graph: RepoGraph): string[] {
  return graph.graph.mapEdges((_edge, _attributes, from, to) => `${from} -> ${to}`).sort();
}

/** A symbol link as `declaring-file#name <= hop, hop, ...`. */
export function linkLine(link: SymbolLink): string {
  return `${link.target.file}#${link.target.name} <= ${link.chain.map(hopLine).join(", ")}`;
}

export function hopLine(hop: Hop): string {
  return `${hop.from}:${hop.line} ${hop.kind} ${hop.name} -> ${hop.to}`;
}

const temporaryDirs: string[] = [];

afterAll(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test file is done. */
export function temporaryDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "anvil-graph-")));
  temporaryDirs.push(dir);
  return dir;
}

/** A copy of a fixture in a temporary folder, for tests that write (caches, edits). */
export function copyFixture(scenario: Scenario): string {
  const dir = join(temporaryDir(), scenario);
  cpSync(`${REPOS}/${scenario}`, dir, { recursive: true });
  return dir;
}

/** Writes files (path → text) under `root`, creating folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
