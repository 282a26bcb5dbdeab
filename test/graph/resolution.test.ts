import { cpSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import {
  REPOS,
  analyzeFixture,
  importLines,
  linkLine,
  temporaryDir,
  writeFiles,
} from "./fixture.js";

describe("path-aliases fixture", () => {
  it("resolves paths aliases and baseUrl-relative specifiers to repository files", async () => {
    const graph = await analyzeFixture("path-aliases");
    expect(importLines(graph)).toEqual([
      "src/greeting.ts:1 static {capitalize} -> lib/text.ts",
      "src/main.ts:1 static {greet} -> src/greeting.ts",
      "src/main.ts:2 static {clamp} -> lib/math.ts",
      "src/main.ts:3 static {VERSION} -> src/version.ts",
    ]);
    expect(graph.symbolLinks("src/main.ts").map(linkLine)).toEqual([
      "src/greeting.ts#greet <= src/main.ts:1 static greet -> src/greeting.ts",
      "lib/math.ts#clamp <= src/main.ts:2 static clamp -> lib/math.ts",
      "src/version.ts#VERSION <= src/main.ts:3 static VERSION -> src/version.ts",
    ]);
  });

  it("does not follow an alias or a relative path that leaves the repository", async () => {
    const base = temporaryDir();
    writeFiles(base, {
      "shared/money.ts": "export const cents = 100;\n",
      "repo/tsconfig.json": JSON.stringify({
        compilerOptions: { baseUrl: ".", paths: { "@shared/*": ["../shared/*"] } },
      }),
      "repo/src/main.ts":
        'import { cents } from "@shared/money";\nimport { cents as c } from "../../shared/money";\n',
    });
    const graph = await analyzeRepo(join(base, "repo"), { cache: false });
    expect(importLines(graph)).toEqual([
      "src/main.ts:1 static {cents} -> outside-repo",
      "src/main.ts:2 static {cents} -> outside-repo",
    ]);
    expect([...graph.files.keys()]).toEqual(["src/main.ts"]);
    expect(graph.symbolLinks("src/main.ts")).toEqual([]);
  });
});

describe("js-specifiers fixture", () => {
  it("maps .js and .mjs specifiers to .ts and .mts files, and index files", async () => {
    const graph = await analyzeFixture("js-specifiers");
    expect(importLines(graph)).toEqual([
      "src/helpers/index.ts:1 re-export {pad} -> src/helpers/pad.ts",
      "src/main.ts:1 static {parseArgs} -> src/parser.ts",
      "src/main.ts:2 static {pad, wrap} -> src/helpers/index.ts",
      "src/main.ts:3 static {defaults} -> src/settings.mts",
      "src/parser.ts:1 static {pad} -> src/helpers/index.ts",
    ]);
    expect(graph.symbolLinks("src/main.ts").map(linkLine)).toEqual([
      "src/parser.ts#parseArgs <= src/main.ts:1 static parseArgs -> src/parser.ts",
      "src/helpers/pad.ts#pad <= src/main.ts:2 static pad -> src/helpers/index.ts, " +
        "src/helpers/index.ts:1 re-export pad -> src/helpers/pad.ts",
      "src/helpers/index.ts#wrap <= src/main.ts:2 static wrap -> src/helpers/index.ts",
      "src/settings.mts#defaults <= src/main.ts:3 static defaults -> src/settings.mts",
    ]);
  });
});

describe("workspace fixture", () => {
  it("resolves packages by name and subpath to their source, not the missing build", async () => {
    const graph = await analyzeFixture("workspace");
    expect(importLines(graph)).toEqual([
      "packages/app/src/main.ts:1 static {coreVersion} -> packages/core/src/index.ts",
      "packages/app/src/main.ts:2 static {formatMoney, type Money} -> packages/core/src/money.ts",
      "packages/core/src/index.ts:1 re-export {*} -> packages/core/src/money.ts",
    ]);
    expect(graph.symbolLinks("packages/app/src/main.ts").map(linkLine)).toEqual([
      "packages/core/src/index.ts#coreVersion <= " +
        "packages/app/src/main.ts:1 static coreVersion -> packages/core/src/index.ts",
      "packages/core/src/money.ts#formatMoney <= " +
        "packages/app/src/main.ts:2 static formatMoney -> packages/core/src/money.ts",
      "packages/core/src/money.ts#Money <= " +
        "packages/app/src/main.ts:2 static Money -> packages/core/src/money.ts",
    ]);
    expect(graph.projectFiles).toEqual([
      "package.json",
      "packages/app/package.json",
      "packages/core/package.json",
      "tsconfig.json",
    ]);
  });

  it("maps renamed subpaths, subpath patterns and built output back to the source", async () => {
    const root = join(temporaryDir(), "workspace");
    cpSync(`${REPOS}/workspace`, root, { recursive: true });
    writeFiles(root, {
      ".gitignore": "dist\nbuild\n",
      "packages/core/package.json": JSON.stringify({
        name: "@acme/core",
        types: "./dist/index.d.ts",
        exports: {
          ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
          "./currency": { types: "./dist/money.d.ts", default: "./dist/money.js" },
          "./utils/*": "./dist/helpers/*.js",
        },
      }),
      // Built output that exists but is not source: resolution must still land on src/.
      "packages/core/dist/index.d.ts": "export declare function coreVersion(): string;\n",
      "packages/core/src/helpers/round.ts": "export const round = Math.round;\n",
      "packages/ui/package.json": JSON.stringify({ name: "@acme/ui", main: "build/out/ui.js" }),
      "packages/ui/tsconfig.json": JSON.stringify({
        compilerOptions: { outDir: "build/out", rootDir: "source" },
      }),
      "packages/ui/source/ui.ts": "export const button = 1;\n",
      "packages/app/src/main.ts": [
        'import { coreVersion } from "@acme/core";',
        'import { formatMoney } from "@acme/core/currency";',
        'import { round } from "@acme/core/utils/round";',
        'import { button } from "@acme/ui";',
        'import { missing } from "@acme/core/nowhere";',
        "",
      ].join("\n"),
    });
    const graph = await analyzeRepo(root, { cache: false });
    expect(importLines(graph).filter((l) => l.startsWith("packages/app/"))).toEqual([
      "packages/app/src/main.ts:1 static {coreVersion} -> packages/core/src/index.ts",
      "packages/app/src/main.ts:2 static {formatMoney} -> packages/core/src/money.ts",
      "packages/app/src/main.ts:3 static {round} -> packages/core/src/helpers/round.ts",
      "packages/app/src/main.ts:4 static {button} -> packages/ui/source/ui.ts",
      // A package of the repository is never taken for an outside package.
      "packages/app/src/main.ts:5 static {missing} -> missing",
    ]);
  });
});
