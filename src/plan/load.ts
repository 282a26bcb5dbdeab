import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { UserError } from "../errors.js";
import type { Diagnostic } from "./diagnostics.js";
import { findTaskLines, lineAndColumn } from "./locate.js";
import { PLAN_RULES, runRules } from "./rules/index.js";
import { normalizePlan, planInputSchema } from "./schema.js";
import { describeIssues } from "./schema-issues.js";
import type { Plan } from "./types.js";

/** Where a plan comes from: a file, or JSON text; messages name it by `name` if given. */
export type PlanSource = { file: string; name?: string } | { text: string; name?: string };

/** The outcome of checking untrusted plan input, for callers that want to retry, not throw. */
export type PlanCheck =
  { ok: true; plan: Plan; diagnostics: Diagnostic[] } | { ok: false; problems: string[] };

export interface LoadedPlan {
  plan: Plan;
  /** Warnings from the rules; errors never get this far. */
  diagnostics: Diagnostic[];
  /** How messages name the plan (the file name as given, or `plan`). */
  name: string;
  /** Line of each task in the source text, by task id (first occurrence). */
  taskLines: ReadonlyMap<string, number>;
}

const MAX_PLAN_BYTES = 32 * 1024 * 1024;
const MAX_PROBLEMS_SHOWN = 20;

/**
 * Reads, parses and checks a plan: the schema first, then the named rules. Throws a
 * `UserError` whose message lists each problem on its own line, prefixed by the plan's
 * name; never returns a plan with errors.
 */
export function loadPlan(source: PlanSource, repoRoot: string): LoadedPlan {
  const name = source.name ?? ("file" in source ? source.file : "plan");
  const text = "file" in source ? readPlanFile(source.file) : source.text;
  const value = parseJson(text, name);
  const check = checkPlan(value, repoRoot);
  if (!check.ok) throw planError(name, check.problems);
  const lines = findTaskLines(text);
  const taskLines = new Map<string, number>();
  check.plan.tasks.forEach((task, index) => {
    const line = lines[index];
    if (line !== undefined && !taskLines.has(task.id)) taskLines.set(task.id, line);
  });
  return { plan: check.plan, diagnostics: check.diagnostics, name, taskLines };
}

/** Checks an already parsed value (e.g. a model's tool input) without throwing. */
export function checkPlan(value: unknown, repoRoot?: string): PlanCheck {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "a list" : typeof value;
    return { ok: false, problems: [`expected an object with "tasks", got ${got}`] };
  }
  const parsed = planInputSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error.issues, value) };
  const plan = normalizePlan(parsed.data);
  const root = repoRoot === undefined ? undefined : resolve(repoRoot);
  const diagnostics = runRules(plan, PLAN_RULES, root);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return { ok: false, problems: errors.map((d) => d.message) };
  return { ok: true, plan, diagnostics };
}

/** Like `checkPlan`, but throws the problems as one `UserError`. */
export function parsePlan(value: unknown, repoRoot?: string, name = "plan"): Plan {
  const check = checkPlan(value, repoRoot);
  if (!check.ok) throw planError(name, check.problems);
  return check.plan;
}

function planError(name: string, problems: string[]): UserError {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `${name}: ${p}`);
  if (problems.length > MAX_PROBLEMS_SHOWN) {
    shown.push(`${name}: ... and ${problems.length - MAX_PROBLEMS_SHOWN} more problems`);
  }
  return new UserError(shown.join("\n"), "bad-plan");
}

function readPlanFile(file: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UserError(`plan file ${file} is a directory`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`plan file not found: ${file}`);
  }
  if (size > MAX_PLAN_BYTES) {
    throw new UserError(`plan file ${file} is larger than ${MAX_PLAN_BYTES / 1024 / 1024} MiB`);
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(`cannot read plan file ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJson(text: string, name: string): unknown {
  if (text.trim() === "") throw new UserError(`${name}: the plan is empty; expected JSON`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : "";
    const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/\s*\(line.*$/, "");
    throw new UserError(`${name}: not valid JSON${where}: ${reason}`);
  }
}
