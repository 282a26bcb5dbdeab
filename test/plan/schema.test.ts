import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { UserError } from "../../src/errors.js";
import { checkPlan, loadPlan, planJsonSchema } from "../../src/plan/index.js";

const task = (fields: Record<string, unknown>) => ({ id: "1", title: "t", writes: [], ...fields });
const problems = (value: unknown) => {
  const check = checkPlan(value);
  if (check.ok) throw new Error("expected the plan to be rejected");
  return check.problems;
};

describe("the plan schema", () => {
  test("normalizes the shapes planners emit: name, numeric ids, dependsOn, no version", () => {
    const check = checkPlan({
      tasks: [
        { id: 1, name: "first", writes: ["./src\\a.ts", "src/b/"] },
        { id: 2, name: "second", dependsOn: [1, 1], provides: ["./src/a.ts#A"] },
      ],
    });
    expect(check).toEqual({
      ok: true,
      diagnostics: [expect.objectContaining({ code: "no-writes", task: "2" })],
      plan: {
        version: 1,
        tasks: [
          {
            id: "1",
            title: "first",
            writes: ["src/a.ts", "src/b"],
            reads: [],
            uses: [],
            depends_on: [],
          },
          {
            id: "2",
            title: "second",
            provides: ["src/a.ts#A"],
            reads: [],
            uses: [],
            depends_on: ["1"],
          },
        ],
      },
    });
  });

  test("keeps writes and provides absent when absent, and present when empty", () => {
    const check = checkPlan({
      version: 1,
      tasks: [task({ provides: [] }), task({ id: "2", writes: undefined })],
    });
    expect(check.ok && check.plan.tasks.map((t) => [t.writes, t.provides])).toEqual([
      [[], []],
      [undefined, undefined],
    ]);
  });

  test("names the task and the field of each problem, one line each", () => {
    expect(
      problems({
        version: 1,
        tasks: [
          task({}),
          task({ id: "2", writes: "src/a.ts" }),
          task({ id: "3", depends_on: [true] }),
          { id: { n: 4 }, title: "x" },
          { id: "5" },
          task({ id: "6", depends_on: [], dependsOn: [] }),
          task({ id: "7", estimate: -1, reads: [42] }),
        ],
      }),
    ).toEqual([
      'task "2" (tasks[1]).writes: expected a list, got "src/a.ts"',
      'task "3" (tasks[2]).depends_on[0]: expected a string or a whole number, got true',
      "tasks[3].id: expected a string or a whole number, got an object",
      'task "5" (tasks[4]).title: required (or `name`)',
      'task "6" (tasks[5]).dependsOn: give either depends_on or dependsOn, not both',
      'task "7" (tasks[6]).reads[0]: expected a string, got 42',
      'task "7" (tasks[6]).estimate: less than 0',
    ]);
  });

  test("rejects the wrong top level, version and sizes", () => {
    expect(problems([])).toEqual(['expected an object with "tasks", got a list']);
    expect(problems({ version: 2, tasks: [task({})] })).toEqual([
      "version: expected 1 (the only plan version)",
    ]);
    expect(problems({ tasks: [] })).toEqual(["tasks: must not be empty"]);
    expect(problems({ tasks: [task({ id: "x".repeat(201) })] })).toEqual([
      "tasks[0].id: longer than 200 characters",
    ]);
    expect(
      problems({ tasks: Array.from({ length: 10_001 }, (_, i) => task({ id: String(i) })) }),
    ).toEqual(["tasks: more than 10000 entries"]);
    expect(problems({ tasks: [task({ id: "a\nb" })] })).toEqual([
      "tasks[0].id: must not contain control characters",
    ]);
  });
});

describe("loadPlan", () => {
  const dir = mkdtempSync(join(tmpdir(), "anvil-plan-"));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const messageOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      return (error as Error).message;
    }
    throw new Error("expected a UserError");
  };

  test("finds the line of each task's id, for reports that point into the file", () => {
    const text =
      '{\n  "tasks": [\n    {\n      "title": "a",\n      "id": "1"\n    },\n    { "id": 2, "title": "b" }\n  ]\n}\n';
    const loaded = loadPlan({ text, name: "p.json" }, dir);
    expect([...loaded.taskLines]).toEqual([
      ["1", 5],
      ["2", 7],
    ]);
  });

  test("says what is wrong with the file, and where", () => {
    expect(messageOf(() => loadPlan({ file: join(dir, "missing.json") }, dir))).toBe(
      `plan file not found: ${join(dir, "missing.json")}`,
    );
    mkdirSync(join(dir, "folder.json"), { recursive: true });
    expect(
      messageOf(() => loadPlan({ file: join(dir, "folder.json"), name: "folder.json" }, dir)),
    ).toBe(`plan file ${join(dir, "folder.json")} is a directory`);
    const broken = write("broken.json", '{\n  "tasks": [\n    { "id": "1", }\n  ]\n}\n');
    expect(messageOf(() => loadPlan({ file: broken, name: "broken.json" }, dir))).toMatch(
      /^broken\.json: not valid JSON at line 3, column \d+: /,
    );
    const empty = write("empty.json", "  \n");
    expect(messageOf(() => loadPlan({ file: empty, name: "empty.json" }, dir))).toBe(
      "empty.json: the plan is empty; expected JSON",
    );
    const bad = write(
      "bad.json",
      JSON.stringify({ tasks: [{ id: "1" }, { id: "1", title: "x" }] }),
    );
    expect(messageOf(() => loadPlan({ file: bad, name: "bad.json" }, dir))).toBe(
      'bad.json: task "1" (tasks[0]).title: required (or `name`)',
    );
  });

  test("reads a file with a byte order mark", () => {
    const file = write("bom.json", "\ufeff" + JSON.stringify({ tasks: [task({})] }));
    expect(loadPlan({ file }, dir).plan.tasks[0]!.id).toBe("1");
  });
});

describe("planJsonSchema", () => {
  test("documents the canonical plan as JSON Schema 2020-12", () => {
    const schema = planJsonSchema() as {
      $schema: string;
      required: string[];
      properties: { tasks: { items: { required: string[]; properties: Record<string, unknown> } } };
    };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.required).toEqual(["version", "tasks"]);
    expect(schema.properties.tasks.items.required).toEqual(["id", "title"]);
    expect(Object.keys(schema.properties.tasks.items.properties)).toEqual([
      "id",
      "title",
      "prompt",
      "writes",
      "reads",
      "provides",
      "uses",
      "depends_on",
      "estimate",
    ]);
  });
});
