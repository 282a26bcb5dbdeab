import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { anvil } from "../helpers/exec.js";
import { copyFixture, temporaryDir } from "./fixture.js";

// Run `npx tsc -p tsconfig.build.json` first: these tests spawn the built bin. They run on
// copies whose cache is warmed once, so that each later run skips loading TypeScript; the
// cache test below checks that cached and uncached runs print the same.
let BARRELS = "";
let CYCLES = "";
let DYNAMIC = "";

function warmCopy(scenario: "barrels" | "cycles" | "dynamic-imports"): string {
  const root = copyFixture(scenario);
  const { code, stderr } = anvil(["graph", "--repo", root]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  return root;
}

beforeAll(() => {
  BARRELS = warmCopy("barrels");
  CYCLES = warmCopy("cycles");
  DYNAMIC = warmCopy("dynamic-imports");
});

function graph(repo: string, ...args: string[]) {
  return anvil(["graph", "--repo", repo, ...args]);
}

function why(repo: string, ...args: string[]) {
  return anvil(["graph", "why", "--repo", repo, ...args]);
}

describe("anvil graph", () => {
  it("prints each file's imports and exports as text", () => {
    const result = graph(CYCLES);
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "src/a.ts",
        "     1 static      src/b.ts {stepB}",
        "  exports stepA, LIMIT",
        "src/b.ts",
        "     1 static      src/c.ts {stepC}",
        "  exports stepB",
        "src/c.ts",
        "     1 static      src/a.ts {stepA, LIMIT}",
        "  exports stepC",
        "src/main.ts",
        "     1 static      src/a.ts {stepA}",
        "",
        "4 files, 4 imports, 0 not analyzed",
        "",
      ].join("\n"),
    });
  });

  it("lists unparsed files and the missing tsconfig in the text summary", () => {
    const root = copyFixture("syntax-error");
    rmSync(join(root, "tsconfig.json"));
    const result = graph(root, "--no-cache");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("src/cart.ts (unparsed)\n");
    expect(result.stdout).toMatch(
      new RegExp(
        "\\n3 files, 3 imports, 1 not analyzed\\n" +
          "  unparsed: src/cart\\.ts: line 4: '\\)' expected\\.\\n" +
          "  note: no tsconfig\\.json or jsconfig\\.json at the root: using default compiler options\\n$",
      ),
    );
    // Without a cache to write, the run left nothing behind.
    expect(existsSync(join(root, ".anvil"))).toBe(false);
  });

  it("prints the documented JSON with repo-relative paths", () => {
    const result = graph(BARRELS, "--format", "json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual([
      "src/app.ts",
      "src/index.ts",
      "src/models/index.ts",
      "src/models/order.ts",
      "src/models/user.ts",
      "src/report.ts",
      "src/util/index.ts",
      "src/util/strings.ts",
    ]);
    expect(json.files[0]).toEqual({
      path: "src/app.ts",
      status: "parsed",
      imports: [
        {
          path: "src/index.ts",
          specifier: "./index",
          line: 1,
          kind: "static",
          names: ["createUser"],
        },
      ],
      exports: [{ name: "admin", kind: "value", line: 3 }],
    });
    const models = json.files[2];
    expect(models.exports).toEqual([
      {
        name: "totalOf",
        kind: "value",
        line: 2,
        declaredIn: [{ path: "src/models/order.ts", name: "orderTotal" }],
      },
      {
        name: "Order",
        kind: "type",
        line: 2,
        declaredIn: [{ path: "src/models/order.ts", name: "Order" }],
      },
      {
        name: "*",
        kind: "value",
        line: 1,
        declaredIn: [{ path: "src/models/user.ts", name: "*" }],
      },
    ]);
    expect(json.projectFiles).toEqual(["tsconfig.json"]);
    expect(graph(BARRELS, "--json").stdout).toBe(result.stdout);
  });

  it("draws the file graph as DOT and as Mermaid, type-only edges dashed", () => {
    expect(graph(DYNAMIC, "--format", "dot").stdout).toBe(
      [
        "digraph anvil {",
        "  rankdir=LR;",
        '  node [shape=box, fontname="monospace"];',
        '  "src/app.ts" [label="src/app.ts"];',
        '  "src/chart.ts" [label="src/chart.ts"];',
        '  "src/main.ts" [label="src/main.ts"];',
        '  "src/messages.ts" [label="src/messages.ts"];',
        '  "src/theme.ts" [label="src/theme.ts"];',
        '  "src/app.ts" -> "src/main.ts";',
        '  "src/main.ts" -> "src/theme.ts" [style=dashed];',
        '  "src/main.ts" -> "src/chart.ts";',
        '  "src/main.ts" -> "src/messages.ts";',
        "}",
        "",
      ].join("\n"),
    );
    expect(graph(DYNAMIC, "--format", "mermaid").stdout).toBe(
      [
        "flowchart LR",
        '  f0["src/app.ts"]',
        '  f1["src/chart.ts"]',
        '  f2["src/main.ts"]',
        '  f3["src/messages.ts"]',
        '  f4["src/theme.ts"]',
        "  f0 --> f2",
        "  f2 -.-> f4",
        "  f2 --> f1",
        "  f2 --> f3",
        "",
      ].join("\n"),
    );
  });

  it("prints the same from the cache as without it", () => {
    expect(existsSync(join(CYCLES, ".anvil/cache/graph.tsv"))).toBe(true);
    const cached = graph(CYCLES, "--format", "json");
    const uncached = graph(CYCLES, "--format", "json", "--no-cache");
    expect(cached.code).toBe(0);
    expect(cached).toEqual(uncached);
  });

  it("explains --help, exits 2 on an unknown option or a missing repository", () => {
    const help = anvil(["graph", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: anvil graph \[options\] \[command\]/);
    for (const option of ["--repo <dir>", "--format <format>", "--json", "--no-cache", "why"]) {
      expect(help.stdout).toContain(option);
    }
    const unknown = anvil(["graph", "--bogus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(/^anvil: unknown option '--bogus'\n/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const missing = join(temporaryDir(), "no-such-repo");
    const result = anvil(["graph", "--repo", missing]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `anvil: repository not found: ${missing} does not exist\n`,
    });
  });
});

describe("anvil graph why", () => {
  it("prints the chain with file and line for each hop", () => {
    const result = why(BARRELS, "src/report.ts", "src/models/user.ts");
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "src/report.ts → src/models/user.ts (transitive level, 4 hops)",
        "  src/report.ts:1 imports totalOf from src/index.ts",
        "  src/index.ts:1 re-exports totalOf from src/models/index.ts",
        "  src/models/index.ts:2 re-exports orderTotal from src/models/order.ts",
        "  src/models/order.ts:1 imports the type of User from src/models/user.ts",
        "",
      ].join("\n"),
    });
  });

  it("says there is no path, with exit 0, and points at the file level", () => {
    const result = why(BARRELS, "src/app.ts", "src/util/strings.ts");
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "no path from src/app.ts to src/util/strings.ts at transitive level",
        "(a file-level chain exists, 3 hops, but no symbol it carries leads to " +
          "src/util/strings.ts;",
        " see --level file)",
        "",
      ].join("\n"),
    });
  });

  it("prints the chain as JSON at the level asked", () => {
    const result = why(BARRELS, "src/app.ts", "src/util/strings.ts", "--level", "file", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      from: "src/app.ts",
      to: "src/util/strings.ts",
      level: "file",
      chain: [
        { from: "src/app.ts", to: "src/index.ts", line: 1, kind: "static", name: "*" },
        { from: "src/index.ts", to: "src/util/index.ts", line: 2, kind: "re-export", name: "*" },
        {
          from: "src/util/index.ts",
          to: "src/util/strings.ts",
          line: 1,
          kind: "re-export",
          name: "*",
        },
      ],
    });
  });

  it("accepts paths relative to the current directory", () => {
    const result = anvil(["graph", "why", "report.ts", "models/order.ts", "--repo", ".."], {
      cwd: `${BARRELS}/src`,
    });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "src/report.ts → src/models/order.ts (transitive level, 3 hops)",
    );
  });

  it("explains --help, and exits 2 on a file that is not in the repository", () => {
    const help = anvil(["graph", "why", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: anvil graph why \[options\] <from> <to>/);
    expect(help.stdout).toContain('--level <level>   how far a chain counts (choices: "direct"');
    const result = why(BARRELS, "src/nope.ts", "src/app.ts");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `anvil: src/nope.ts is not a source file of the repository at ${BARRELS} ` +
        "(paths are repo-relative)\n",
    );
    const unknown = anvil(["graph", "why", "--bogus", "a", "b"]);
    expect(unknown.code).toBe(2);
  });
});
