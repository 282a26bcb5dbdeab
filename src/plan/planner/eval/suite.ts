import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../../../errors.js";

/**
 * One eval case: a repository, a goal, and the ground truth a person wrote down — which
 * written files truly depend on each other. Entries may use `*` (within a path segment) and
 * `**` (across segments), since models name new files in their own ways.
 */
export interface EvalCase {
  name: string;
  repo: string;
  goal: string;
  interacts: [string, string][];
}

/** Reads `<dir>/<case>/case.json` and `<dir>/<case>/repo/` for every case folder. */
export function loadSuite(dir: string, only: readonly string[] = []): EvalCase[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(`eval suite ${dir} is not a directory`);
  }
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "case.json")))
    .map((entry) => entry.name)
    .sort();
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new UserError(`eval suite ${dir} has no case ${unknown.join(", ")} (cases: ${names})`);
  }
  const chosen = only.length > 0 ? names.filter((name) => only.includes(name)) : names;
  if (chosen.length === 0) throw new UserError(`eval suite ${dir} holds no <case>/case.json`);
  return chosen.map((name) => readCase(dir, name));
}

function readCase(dir: string, name: string): EvalCase {
  const file = join(dir, name, "case.json");
  let data: { goal?: unknown; interacts?: unknown };
  try {
    data = JSON.parse(readFileSync(file, "utf8")) as typeof data;
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof data.goal !== "string" || !data.goal.trim()) {
    throw new UserError(`${file}: "goal" must be a non-empty string`);
  }
  const pairs = data.interacts ?? [];
  const valid =
    Array.isArray(pairs) &&
    pairs.every((p) => Array.isArray(p) && p.length === 2 && p.every((f) => typeof f === "string"));
  if (!valid) throw new UserError(`${file}: "interacts" must be a list of [file, file] pairs`);
  const repo = join(dir, name, "repo");
  if (!existsSync(repo)) throw new UserError(`${file}: the case has no repo/ folder`);
  return { name, repo, goal: data.goal, interacts: pairs as [string, string][] };
}
