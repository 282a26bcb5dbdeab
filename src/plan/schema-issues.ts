import type { z } from "zod";

type PathKey = PropertyKey;

/**
 * One readable line per schema problem, naming the task and the field:
 * `task "3" (tasks[2]).depends_on[0]: expected a string or a whole number, got true`.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  const lines = issues.map((issue) =>
    issue.path.length === 0
      ? what(issue, input)
      : `${where(issue.path, input)}: ${what(issue, input)}`,
  );
  return [...new Set(lines)];
}

function where(path: readonly PathKey[], input: unknown): string {
  if (path[0] === "tasks" && typeof path[1] === "number") {
    const task = valueAt(input, path.slice(0, 2));
    const id = isRecord(task) ? task.id : undefined;
    const named =
      typeof id === "string" && id.length > 0 && id.length <= 40 && !/[\u0000-\u001f]/.test(id)
        ? `task ${JSON.stringify(id)} (tasks[${path[1]}])`
        : typeof id === "number" && Number.isSafeInteger(id)
          ? `task "${id}" (tasks[${path[1]}])`
          : `tasks[${path[1]}]`;
    return named + formatPath(path.slice(2));
  }
  return formatPath(path).replace(/^\./, "");
}

function formatPath(path: readonly PathKey[]): string {
  return path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("");
}

function what(issue: z.core.$ZodIssue, input: unknown): string {
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case "invalid_type":
      return value === undefined
        ? "required"
        : `expected ${article(issue.expected)}, got ${describeValue(value)}`;
    case "invalid_union":
      return value === undefined ? "required" : `${issue.message}, got ${describeValue(value)}`;
    case "custom":
      return issue.message;
    case "too_big":
      return tooBig(issue.origin, issue.maximum);
    case "too_small":
      return tooSmall(issue.origin, issue.minimum);
    case "invalid_value":
      return issue.message.startsWith("Invalid")
        ? `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`
        : issue.message;
    case "invalid_format":
      return issue.message;
    default:
      return issue.message;
  }
}

function tooBig(origin: string, maximum: number | bigint): string {
  if (origin === "string") return `longer than ${maximum} characters`;
  if (origin === "array") return `more than ${maximum} entries`;
  return `greater than ${maximum}`;
}

function tooSmall(origin: string, minimum: number | bigint): string {
  if (origin === "string") return "must not be empty";
  if (origin === "array") return minimum === 1 ? "must not be empty" : `fewer than ${minimum}`;
  return `less than ${minimum}`;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    string: "a string",
    number: "a number",
    int: "a whole number",
    array: "a list",
    object: "an object",
    boolean: "true or false",
  };
  return words[expected] ?? expected;
}

/** A short, safe rendering of an offending value (never the whole of a huge one). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  }
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return String(value);
}

function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (!isRecord(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
