import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join, posix } from "node:path";
import type { Tool } from "@anthropic-ai/sdk/resources/messages";

const MAX_READ_BYTES = 200 * 1024;
const MAX_LISTED = 1000;
const MAX_MATCHES = 100;
const SKIPPED_DIRS = new Set([".git", "node_modules", ".anvil"]);

/** The agent's tools: look anywhere in the repository, write only what the task declared. */
export const AGENT_TOOLS: Tool[] = [
  {
    name: "list_files",
    description: "List the files under a folder of the repository (recursively).",
    input_schema: {
      type: "object",
      properties: { path: { type: "string", description: "folder, repo-relative; default ." } },
    },
  },
  {
    name: "read_file",
    description: "Read a file of the repository.",
    input_schema: {
      type: "object",
      properties: { path: { type: "string", description: "repo-relative path" } },
      required: ["path"],
    },
  },
  {
    name: "search",
    description: "Search the repository's files for a regular expression; returns file:line: text.",
    input_schema: {
      type: "object",
      properties: {
        pattern: { type: "string", description: "a JavaScript regular expression" },
        path: { type: "string", description: "folder to search, repo-relative; default ." },
      },
      required: ["pattern"],
    },
  },
  {
    name: "write_file",
    description: "Create or overwrite a file. Only the files the task declares in writes.",
    input_schema: {
      type: "object",
      properties: { path: { type: "string" }, content: { type: "string" } },
      required: ["path", "content"],
    },
  },
  {
    name: "edit_file",
    description:
      "Replace old_text, which must occur exactly once, by new_text in a file. Only the files " +
      "the task declares in writes.",
    input_schema: {
      type: "object",
      properties: {
        path: { type: "string" },
        old_text: { type: "string" },
        new_text: { type: "string" },
      },
      required: ["path", "old_text", "new_text"],
    },
  },
];

export interface ToolResult {
  text: string;
  isError: boolean;
}

/** Runs the agent's tools in one workspace; `writes` undefined means the task did not say. */
export class AgentTools {
  constructor(
    private readonly root: string,
    private readonly writes: readonly string[] | undefined,
  ) {}

  run(name: string, input: Record<string, unknown>): ToolResult {
    try {
      switch (name) {
        case "list_files":
          return ok(this.list(optionalString(input, "path") ?? "."));
        case "read_file":
          return ok(this.read(requiredString(input, "path")));
        case "search":
          return ok(this.search(requiredString(input, "pattern"), optionalString(input, "path")));
        case "write_file":
          return ok(this.write(requiredString(input, "path"), requiredString(input, "content")));
        case "edit_file":
          return ok(
            this.edit(
              requiredString(input, "path"),
              requiredString(input, "old_text"),
              requiredString(input, "new_text"),
            ),
          );
        default:
          return refuse(`there is no tool named ${name}`);
      }
    } catch (error) {
      return refuse(error instanceof Error ? error.message : String(error));
    }
  }

  private list(path: string): string {
    const found = this.files(path);
    const more = found.length >= MAX_LISTED ? `\n(first ${MAX_LISTED} files only)` : "";
    return (found.join("\n") || "(no files)") + more;
  }

  private files(path: string): string[] {
    const start = this.existing(path);
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (found.length >= MAX_LISTED) return;
        if (SKIPPED_DIRS.has(entry.name)) continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile()) found.push(this.relative(full));
      }
    };
    if (statSync(start.abs).isDirectory()) walk(start.abs);
    else found.push(start.rel);
    return found.sort();
  }

  private read(path: string): string {
    const { abs } = this.existing(path);
    const size = statSync(abs).size;
    if (size > MAX_READ_BYTES) {
      const text = readFileSync(abs, "utf8").slice(0, MAX_READ_BYTES);
      return `${text}\n(cut at ${MAX_READ_BYTES} of ${size} bytes)`;
    }
    return readFileSync(abs, "utf8");
  }

  private search(pattern: string, path = "."): string {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch {
      regex = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    }
    const matches: string[] = [];
    for (const file of this.files(path)) {
      if (matches.length >= MAX_MATCHES) break;
      const abs = join(this.root, file);
      if (statSync(abs).size > MAX_READ_BYTES) continue;
      const lines = readFileSync(abs, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (matches.length < MAX_MATCHES && regex.test(line)) {
          matches.push(`${file}:${i + 1}: ${line.slice(0, 200)}`);
        }
      });
    }
    return matches.join("\n") || "no match";
  }

  private write(path: string, content: string): string {
    const { abs, rel } = this.writable(path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return `wrote ${rel} (${content.length} characters)`;
  }

  private edit(path: string, oldText: string, newText: string): string {
    const { abs, rel } = this.writable(path);
    if (!existsSync(abs)) throw new Error(`${rel} does not exist; use write_file to create it`);
    const text = readFileSync(abs, "utf8");
    const count = text.split(oldText).length - 1;
    if (oldText === "" || count !== 1) {
      throw new Error(`old_text occurs ${count} times in ${rel}; it must occur exactly once`);
    }
    writeFileSync(
      abs,
      text.replace(oldText, () => newText),
    );
    return `edited ${rel}`;
  }

  /** A path the task may write, or an error the model reads as the reason for refusal. */
  private writable(path: string): { abs: string; rel: string } {
    const target = this.inside(path);
    const writes = this.writes;
    if (
      writes &&
      !writes.some((w) => w === target.rel || (w.endsWith("/") && target.rel.startsWith(w)))
    ) {
      const allowed = writes.length > 0 ? writes.join(", ") : "nothing";
      throw new Error(
        `refused: ${target.rel} is not among this task's writes (${allowed}); another task ` +
          `may be changing it at this moment. Change only the files the task declares.`,
      );
    }
    if (existsSync(target.abs) && lstatSync(target.abs).isDirectory()) {
      throw new Error(`${target.rel} is a folder`);
    }
    return target;
  }

  private existing(path: string): { abs: string; rel: string } {
    const target = this.inside(path);
    if (!existsSync(target.abs)) throw new Error(`${target.rel} does not exist`);
    return target;
  }

  /** Resolves a repo-relative path, refusing anything that leads out of the workspace. */
  private inside(path: string): { abs: string; rel: string } {
    const rel = posix
      .normalize(path.replace(/\\/g, "/"))
      .replace(/^(\.\/)+/, "")
      .replace(/\/$/, "");
    if (isAbsolute(path) || rel === ".." || rel.startsWith("../")) {
      throw new Error(`refused: ${path} is outside the repository; use repo-relative paths`);
    }
    if (rel === ".git" || rel.startsWith(".git/")) throw new Error("refused: .git is off limits");
    const abs = join(this.root, rel === "." ? "" : rel);
    const existing = nearestExisting(abs);
    const real = realpathSync(existing);
    const realRoot = realpathSync(this.root);
    if (real !== realRoot && !real.startsWith(realRoot + "/")) {
      throw new Error(`refused: ${path} leads outside the repository (through a link)`);
    }
    return { abs, rel };
  }

  private relative(abs: string): string {
    return posix.relative(this.root.replace(/\\/g, "/"), abs.replace(/\\/g, "/"));
  }
}

function nearestExisting(abs: string): string {
  let current = abs;
  while (!existsSync(current)) current = dirname(current);
  return current;
}

function requiredString(input: Record<string, unknown>, key: string): string {
  const value = input[key];
  if (typeof value !== "string") throw new Error(`missing "${key}" (a string)`);
  return value;
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  return typeof value === "string" ? value : undefined;
}

function ok(text: string): ToolResult {
  return { text, isError: false };
}

function refuse(text: string): ToolResult {
  return { text, isError: true };
}
