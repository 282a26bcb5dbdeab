import { posix } from "node:path";
import { z } from "zod";
import type { Plan, Task } from "./types.js";

/** Bounds that keep a hostile or runaway plan from exhausting memory or the terminal. */
export const PLAN_LIMITS = {
  tasks: 10_000,
  listEntries: 10_000,
  idLength: 200,
  titleLength: 1_000,
  pathLength: 1_024,
  textLength: 200_000,
} as const;

const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

const id = z.union(
  [
    z
      .string()
      .min(1)
      .max(PLAN_LIMITS.idLength)
      .regex(PRINTABLE, { error: "must not contain control characters" }),
    z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  ],
  { error: "expected a string or a whole number" },
);

const path = z
  .string()
  .min(1)
  .max(PLAN_LIMITS.pathLength)
  .regex(PRINTABLE, { error: "must not contain control characters" });

const symbolRef = path.describe("an exported symbol, as path#Name");
const list = <T extends z.ZodType>(item: T) => z.array(item).max(PLAN_LIMITS.listEntries);
const title = z.string().min(1).max(PLAN_LIMITS.titleLength);
const prompt = z.string().max(PLAN_LIMITS.textLength);
const estimate = z.number().min(0).max(1e9);

/** The fields of a task, as `anvil schema` documents them. */
const taskFields = {
  id: z.string().min(1).max(PLAN_LIMITS.idLength).describe("unique within the plan"),
  title,
  prompt: prompt.optional().describe("what the agent running this task is told"),
  writes: list(path)
    .optional()
    .describe("repo-relative files the task modifies, creates or deletes; absent: unknown"),
  reads: list(path)
    .optional()
    .describe("files whose current content the task relies on, beyond the imports of its writes"),
  provides: list(symbolRef)
    .optional()
    .describe("path#Name exports the task adds, removes or changes; when present, complete"),
  uses: list(symbolRef).optional().describe("path#Name symbols of other files the task relies on"),
  depends_on: list(z.string()).optional().describe("ids of the tasks that must finish first"),
  estimate: estimate.optional().describe("expected duration in seconds (dry runs)"),
};

/** The canonical plan document, version 1: what `anvil schema` prints and `--out` writes. */
export const planDocumentSchema = z.object({
  version: z.literal(1),
  goal: z.string().max(PLAN_LIMITS.textLength).optional(),
  tasks: z.array(z.object(taskFields)).min(1).max(PLAN_LIMITS.tasks),
});

/**
 * What anvil accepts as input: the canonical document, plus the shapes planners emit
 * (`name` for `title`, numeric ids, `dependsOn` for `depends_on`, no `version`).
 */
const taskInput = z
  .object({
    ...taskFields,
    id,
    title: title.optional(),
    name: title.optional(),
    depends_on: list(id).optional(),
    dependsOn: list(id).optional(),
  })
  .superRefine((task, ctx) => {
    if (task.title === undefined && task.name === undefined) {
      ctx.addIssue({ code: "custom", path: ["title"], message: "required (or `name`)" });
    }
    if (task.depends_on !== undefined && task.dependsOn !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["dependsOn"],
        message: "give either depends_on or dependsOn, not both",
      });
    }
  });

export const planInputSchema = z.object({
  version: z.literal(1, { error: "expected 1 (the only plan version)" }).optional(),
  goal: z.string().max(PLAN_LIMITS.textLength).optional(),
  tasks: z.array(taskInput).min(1).max(PLAN_LIMITS.tasks),
});

export type PlanInput = z.infer<typeof planInputSchema>;

/** Turns accepted input into the normalized `Plan`; paths are normalized lexically only. */
export function normalizePlan(input: PlanInput): Plan {
  const plan: Plan = { version: 1, tasks: input.tasks.map(normalizeTask) };
  if (input.goal !== undefined) plan.goal = input.goal;
  return plan;
}

function normalizeTask(input: PlanInput["tasks"][number]): Task {
  const task: Task = {
    id: String(input.id),
    title: input.title ?? input.name ?? "",
    reads: unique((input.reads ?? []).map(normalizePath)),
    uses: unique((input.uses ?? []).map(normalizeSymbolRef)),
    depends_on: unique((input.depends_on ?? input.dependsOn ?? []).map(String)),
  };
  if (input.prompt !== undefined) task.prompt = input.prompt;
  if (input.writes !== undefined) task.writes = unique(input.writes.map(normalizePath));
  if (input.provides !== undefined) task.provides = unique(input.provides.map(normalizeSymbolRef));
  if (input.estimate !== undefined) task.estimate = input.estimate;
  return task;
}

/**
 * `./src\\a.ts` → `src/a.ts`. Leading `/`, drive letters and `..` survive, so the rules
 * can still see a path that leaves the repository.
 */
export function normalizePath(raw: string): string {
  const normalized = posix.normalize(raw.replace(/\\/g, "/"));
  const trimmed = normalized.length > 1 ? normalized.replace(/\/+$/, "") : normalized;
  return trimmed.startsWith("./") ? trimmed.slice(2) : trimmed;
}

function normalizeSymbolRef(raw: string): string {
  const hash = raw.lastIndexOf("#");
  if (hash <= 0) return raw;
  return `${normalizePath(raw.slice(0, hash))}#${raw.slice(hash + 1)}`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
