import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkPlan, type Diagnostic } from "../../src/plan/index.js";

type TaskInput = Record<string, unknown>;
const task = (id: string, fields: TaskInput = {}): TaskInput => ({
  id,
  title: `task ${id}`,
  writes: [`src/${id}.ts`],
  ...fields,
});

function errors(tasks: TaskInput[], root?: string): string[] {
  const check = checkPlan({ version: 1, tasks }, root);
  return check.ok ? [] : check.problems;
}

function warnings(tasks: TaskInput[], root?: string): Diagnostic[] {
  const check = checkPlan({ version: 1, tasks }, root);
  if (!check.ok) throw new Error(check.problems.join("\n"));
  return check.diagnostics;
}

describe("rules that reject a plan", () => {
  test("duplicate ids", () => {
    expect(errors([task("1"), task("2"), task("1")])).toEqual([
      'task "1" appears twice (tasks[0] and tasks[2]); ids must be unique',
    ]);
  });

  test("dependencies on tasks that do not exist, and on the task itself", () => {
    expect(
      errors([task("1", { depends_on: ["1"] }), task("2", { depends_on: ["1", "9"] })]),
    ).toEqual([
      'task "2": depends_on[1] names "9", which is not a task of the plan',
      'task "1" depends on itself',
    ]);
  });

  test("a cycle, printed", () => {
    expect(
      errors([
        task("a", { depends_on: ["c"] }),
        task("b", { depends_on: ["a"] }),
        task("c", { depends_on: ["b"] }),
      ]),
    ).toEqual([
      'tasks depend on each other in a cycle: "a" → "c" → "b" → "a" (→ reads "depends on")',
    ]);
  });

  test("a cycle deep in a long chain does not overflow the stack", () => {
    const tasks = Array.from({ length: 9_000 }, (_, i) =>
      task(String(i), { depends_on: i === 0 ? ["8999"] : [String(i - 1)] }),
    );
    expect(errors(tasks)).toEqual([
      'tasks depend on each other in a cycle: "0" → "8999" → "8998" → "8997" → "8996" → … 8991 more … → "4" → "3" → "2" → "1" → "0" (→ reads "depends on")',
    ]);
  });

  test("paths that are absolute or leave the repository", () => {
    expect(
      errors([
        task("1", { writes: ["/etc/hosts"], reads: ["C:\\Windows\\win.ini"] }),
        task("2", { writes: ["src/../../other.ts"], uses: ["../x.ts#X"], provides: ["/abs.ts#Y"] }),
      ]),
    ).toEqual([
      'task "1": writes[0] "/etc/hosts" is absolute; paths are repo-relative',
      'task "1": reads[0] "C:/Windows/win.ini" is absolute; paths are repo-relative',
      'task "2": writes[0] "../other.ts" leaves the repository',
      'task "2": provides[0] "/abs.ts" is absolute; paths are repo-relative',
      'task "2": uses[0] "../x.ts" leaves the repository',
    ]);
  });

  test("paths through a symlink that leads out of the repository", () => {
    const root = mkdtempSync(join(tmpdir(), "anvil-rules-"));
    const outside = mkdtempSync(join(tmpdir(), "anvil-outside-"));
    mkdirSync(join(root, "src"));
    symlinkSync(outside, join(root, "linked"));
    symlinkSync(join(root, "src"), join(root, "inner"));
    symlinkSync(join(outside, "gone"), join(root, "dangling"));
    expect(
      errors(
        [
          task("1", { writes: ["linked/notes.ts", "inner/a.ts"] }),
          task("2", { reads: ["dangling/x.ts"] }),
        ],
        root,
      ),
    ).toEqual([
      'task "1": writes[0] "linked/notes.ts" passes through the symlink linked, which points outside the repository',
      'task "2": reads[0] "dangling/x.ts" passes through the symlink dangling, which points outside the repository',
    ]);
  });
});

describe("rules that warn and let the plan through", () => {
  test("no writes", () => {
    expect(warnings([task("1"), task("2", { writes: undefined })])).toEqual([
      {
        severity: "warning",
        code: "no-writes",
        task: "2",
        message:
          'task "2" declares no "writes": its dependencies cannot be checked; list the files it changes',
      },
    ]);
  });

  test("symbols that are not path#Name, name no file, or a file the task does not write", () => {
    const root = mkdtempSync(join(tmpdir(), "anvil-rules-"));
    mkdirSync(join(root, "src"));
    writeFileSync(join(root, "src/old.ts"), "export const old = 1;\n");
    const found = warnings(
      [
        task("1", { provides: ["User", "src/1.ts#User", "src/old.ts#old"] }),
        task("2", { uses: ["src/old.ts#old", "src/1.ts#User", "src/none.ts#X", "src/old.ts#"] }),
      ],
      root,
    );
    expect(found.map((d) => `${d.code}: ${d.message}`)).toEqual([
      'malformed-symbol: task "1": provides[0] "User" is not path#Name, so any export may change',
      'provides-unwritten: task "1": provides[2] "src/old.ts#old" names src/old.ts, which the task does not write, so any export of its files may change',
      'unknown-symbol-path: task "2": uses[2] "src/none.ts#X" names src/none.ts, which neither exists nor is written by any task',
      'malformed-symbol: task "2": uses[3] "src/old.ts#" is not path#Name, so what it relies on is unknown',
    ]);
  });
});
