import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AgentTools } from "../../src/execute/executors/agent/tools.js";

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "anvil-tools-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/a.ts"), "export const a = 1;\nexport const aa = 11;\n");
  writeFileSync(join(dir, "src/b.ts"), "import { a } from './a';\n");
  return dir;
}

describe("the agent's tools", () => {
  it("list, read and search the whole repository", () => {
    const tools = new AgentTools(workspace(), ["src/a.ts"]);
    expect(tools.run("list_files", {})).toEqual({ text: "src/a.ts\nsrc/b.ts", isError: false });
    expect(tools.run("read_file", { path: "./src/b.ts" }).text).toBe("import { a } from './a';\n");
    expect(tools.run("search", { pattern: "const a+ =" }).text).toBe(
      "src/a.ts:1: export const a = 1;\nsrc/a.ts:2: export const aa = 11;",
    );
    expect(tools.run("read_file", { path: "src/none.ts" })).toEqual({
      text: "src/none.ts does not exist",
      isError: true,
    });
  });

  it("write only the task's writes, inside the repository", () => {
    const dir = workspace();
    const outside = mkdtempSync(join(tmpdir(), "anvil-outside-"));
    symlinkSync(outside, join(dir, "src/link"));
    const tools = new AgentTools(dir, ["src/a.ts", "src/new/"]);

    expect(tools.run("write_file", { path: "src/new/c.ts", content: "c" }).isError).toBe(false);
    expect(
      tools.run("edit_file", { path: "src/a.ts", old_text: "= 1;", new_text: "= 5;" }),
    ).toEqual({
      text: "edited src/a.ts",
      isError: false,
    });
    expect(readFileSync(join(dir, "src/a.ts"), "utf8")).toContain("a = 5;");
    const refusals = [
      tools.run("write_file", { path: "src/b.ts", content: "x" }),
      tools.run("write_file", { path: "/etc/passwd", content: "x" }),
      tools.run("write_file", { path: "src/../../x", content: "x" }),
      tools.run("write_file", { path: ".git/config", content: "x" }),
      tools.run("read_file", { path: "src/link/secret" }),
      tools.run("edit_file", { path: "src/a.ts", old_text: "export", new_text: "" }),
      tools.run("delete_everything", {}),
    ];
    expect(refusals.map((r) => r.isError)).toEqual(refusals.map(() => true));
    expect(refusals.map((r) => r.text.split(/[:;(]/)[0])).toEqual([
      "refused",
      "refused",
      "refused",
      "refused",
      "refused",
      "old_text occurs 2 times in src/a.ts",
      "there is no tool named delete_everything",
    ]);
    expect(readFileSync(join(dir, "src/b.ts"), "utf8")).toBe("import { a } from './a';\n");
  });
});
