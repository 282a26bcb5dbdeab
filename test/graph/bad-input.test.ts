import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import { UserError } from "../../src/errors.js";
import {
  analyzeFixture,
  importLines,
  linkLine,
  temporaryDir,
  writeFiles,
  REPOS,
} from "./fixture.js";

const NO_CONFIG = "no tsconfig.json or jsconfig.json at the root: using default compiler options";

describe("syntax-error fixture", async () => {
  const graph = await analyzeFixture("syntax-error");

  it("lists the file that does not parse as unparsed, with the line", () => {
    expect(graph.unclearFiles().map((f) => [f.path, f.status, f.problem])).toEqual([
      ["src/cart.ts", "unparsed", "line 4: ')' expected."],
    ]);
    expect(graph.file("src/format.ts")?.status).toBe("parsed");
  });

  it("still analyzes the broken file and the files around it", () => {
    expect(importLines(graph)).toEqual([
      "src/cart.ts:1 static {formatPrice} -> src/format.ts",
      "src/main.ts:1 static {total} -> src/cart.ts",
      "src/main.ts:2 static {formatPrice} -> src/format.ts",
    ]);
    expect(graph.file("src/cart.ts")?.exports.map((e) => e.name)).toEqual(["total", "describe"]);
    expect(graph.symbolLinks("src/main.ts").map(linkLine)).toEqual([
      "src/cart.ts#total <= src/main.ts:1 static total -> src/cart.ts",
      "src/format.ts#formatPrice <= src/main.ts:2 static formatPrice -> src/format.ts",
    ]);
  });
});

describe("bad input", () => {
  it("rejects a repository path that does not exist, or is a file, as a user error", async () => {
    const missing = join(temporaryDir(), "nowhere");
    await expect(analyzeRepo(missing, { cache: false })).rejects.toThrow(UserError);
    await expect(analyzeRepo(missing, { cache: false })).rejects.toThrow(/nowhere/);
    const file = `${REPOS}/cycles/src/a.ts`;
    await expect(analyzeRepo(file, { cache: false })).rejects.toThrow(UserError);
  });

  it("says once that there is no tsconfig, and nothing when a jsconfig stands in", async () => {
    const graph = await analyzeFixture("commonjs");
    expect(graph.problems.notices).toEqual([NO_CONFIG]);
    const root = temporaryDir();
    writeFiles(root, {
      "jsconfig.json": JSON.stringify({ compilerOptions: { checkJs: true } }),
      "src/a.js": 'export const a = require("./b");\n',
      "src/b.js": "module.exports = 1;\n",
    });
    const withJsconfig = await analyzeRepo(root, { cache: false });
    expect(withJsconfig.problems.notices).toEqual([]);
    expect(importLines(withJsconfig)).toEqual(["src/a.js:1 require {*} -> src/b.js"]);
  });

  it("reports a tsconfig that cannot be read and goes on with defaults", async () => {
    const root = temporaryDir();
    writeFiles(root, {
      "tsconfig.json": '{ "compilerOptions": { "strict": true, }\n',
      "src/a.ts": 'import { b } from "./b";\n',
      "src/b.ts": "export const b = 1;\n",
    });
    const graph = await analyzeRepo(root, { cache: false });
    expect(graph.problems.notices).toHaveLength(1);
    expect(graph.problems.notices[0]).toMatch(/^tsconfig\.json: /);
    expect(importLines(graph)).toEqual(["src/a.ts:1 static {b} -> src/b.ts"]);
  });

  it("skips a file over 1 MiB and lists it, keeping the edges into it", async () => {
    const root = temporaryDir();
    writeFiles(root, {
      "src/main.ts": 'import { table } from "./generated";\n',
      "src/generated.ts": `export const table = [${"1234567,".repeat(150_000)}];\n`,
    });
    const graph = await analyzeRepo(root, { cache: false });
    expect(graph.unclearFiles().map((f) => [f.path, f.status, f.problem])).toEqual([
      ["src/generated.ts", "skipped", "larger than 1024 KiB; not analyzed"],
    ]);
    expect(importLines(graph)).toEqual(["src/main.ts:1 static {table} -> src/generated.ts"]);
  });

  it("does not follow symlink loops or links that leave the repository", async () => {
    const base = temporaryDir();
    const root = join(base, "repo");
    writeFiles(base, {
      "outside/secret.ts": "export const secret = 1;\n",
      "repo/src/main.ts": 'import { util } from "./lib/util";\n',
      "repo/src/lib/util.ts": "export const util = 1;\n",
    });
    symlinkSync(".", join(root, "src/self"));
    symlinkSync("../..", join(root, "src/lib/up"));
    symlinkSync(join(base, "outside"), join(root, "src/outside"));
    symlinkSync(join(base, "outside/secret.ts"), join(root, "src/secret.ts"));
    symlinkSync(join(root, "src/nowhere"), join(root, "src/dangling.ts"));
    mkdirSync(join(root, "src/empty"));
    writeFileSync(join(root, "src/empty/.keep"), "");
    const graph = await analyzeRepo(root, { cache: false });
    expect([...graph.files.keys()].sort()).toEqual(["src/lib/util.ts", "src/main.ts"]);
    expect(importLines(graph)).toEqual(["src/main.ts:1 static {util} -> src/lib/util.ts"]);
    expect(graph.problems.skippedLinks.map((l) => `${l.path} (${l.reason})`).sort()).toEqual([
      "src/dangling.ts (outside-repo)",
      "src/lib/up (loop)",
      "src/outside (outside-repo)",
      "src/secret.ts (outside-repo)",
      "src/self (loop)",
    ]);
  });
});
