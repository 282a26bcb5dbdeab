import { describe, expect, it } from "vitest";
import { analyzeFixture, hopLine, importLines, linkLine } from "./fixture.js";

describe("type-only fixture", async () => {
  const graph = await analyzeFixture("type-only");

  it("tells type-only imports, re-exports and references from value imports", () => {
    expect(importLines(graph)).toEqual([
      "src/config.ts:1 type {type *} -> src/env.d.ts",
      "src/main.ts:1 type {type Figure} -> src/settings.ts",
      "src/main.ts:2 static {settingsFor} -> src/settings.ts",
      "src/settings.ts:1 type {type Config} -> src/config.ts",
      "src/settings.ts:2 static {type Mode, DEFAULT_MODE} -> src/config.ts",
      "src/settings.ts:3 type {type Shape} -> src/shapes.ts",
      "src/settings.ts:6 re-export {type Shape} -> src/shapes.ts",
    ]);
  });

  it("records whether each export is a value or a type", () => {
    const kinds = (path: string) => graph.file(path)!.exports.map((e) => `${e.name}:${e.kind}`);
    expect(kinds("src/config.ts")).toEqual(["Mode:type", "Config:type", "DEFAULT_MODE:value"]);
    expect(kinds("src/shapes.ts")).toEqual(["Shape:type", "Square:value"]);
    expect(kinds("src/settings.ts")).toEqual([
      "Config:type",
      "Figure:type",
      "settingsFor:value",
      "totalArea:value",
    ]);
  });

  it("links type-only names to their declarations like values", () => {
    expect(graph.symbolLinks("src/main.ts").map(linkLine)).toEqual([
      "src/shapes.ts#Shape <= src/main.ts:1 type Figure -> src/settings.ts, " +
        "src/settings.ts:6 re-export Shape -> src/shapes.ts",
      "src/settings.ts#settingsFor <= src/main.ts:2 static settingsFor -> src/settings.ts",
    ]);
    expect(graph.resolveExport("src/settings.ts", "Config").map(linkLine)).toEqual([
      "src/config.ts#Config <= src/settings.ts:1 type Config -> src/config.ts",
    ]);
  });

  it("counts type-only imports when following what a symbol uses", () => {
    const chain = graph.reach(["src/main.ts"], "transitive").chainTo({ file: "src/config.ts" });
    expect(chain?.map(hopLine)).toEqual([
      "src/main.ts:2 static settingsFor -> src/settings.ts",
      "src/settings.ts:1 type Config -> src/config.ts",
    ]);
  });
});

describe("dynamic-imports fixture", async () => {
  const graph = await analyzeFixture("dynamic-imports");

  it("records await import(), import().then and import types", () => {
    expect(importLines(graph)).toEqual([
      "src/app.ts:1 static {showChart, type Theme} -> src/main.ts",
      "src/main.ts:1 type {type Theme} -> src/theme.ts",
      "src/main.ts:4 dynamic {*} -> src/chart.ts",
      "src/main.ts:9 dynamic {*} -> src/messages.ts",
    ]);
    expect(graph.symbolLinks("src/main.ts").map(linkLine)).toEqual([
      "src/theme.ts#Theme <= src/main.ts:1 type Theme -> src/theme.ts",
      "src/chart.ts#* <= src/main.ts:4 dynamic * -> src/chart.ts",
      "src/messages.ts#* <= src/main.ts:9 dynamic * -> src/messages.ts",
    ]);
  });

  it("follows the dynamic imports of a file whose symbols are used", () => {
    const reach = graph.reach(["src/app.ts"], "transitive");
    expect(reach.chainTo({ file: "src/chart.ts" })?.map(hopLine)).toEqual([
      "src/app.ts:1 static showChart -> src/main.ts",
      "src/main.ts:4 dynamic * -> src/chart.ts",
    ]);
    expect(reach.chainTo({ file: "src/theme.ts" })?.map(hopLine)).toEqual([
      "src/app.ts:1 static showChart -> src/main.ts",
      "src/main.ts:1 type Theme -> src/theme.ts",
    ]);
    expect(graph.reach(["src/app.ts"], "direct").chainTo({ file: "src/chart.ts" })).toBe(undefined);
  });
});

describe("commonjs fixture", async () => {
  const graph = await analyzeFixture("commonjs");

  it("records require calls, destructured names and node built-ins", () => {
    expect(importLines(graph)).toEqual([
      "lib/index.js:1 require {add, multiply} -> lib/math.js",
      "lib/index.js:2 require {*} -> lib/log.js",
      "lib/index.js:3 require {*} -> lib/settings.js",
      "lib/index.js:4 require {*} -> package node:path",
      "lib/settings.js:1 require {add} -> lib/math.js",
    ]);
  });

  it("reads module.exports and exports.name assignments as exports", () => {
    const exports = (path: string) =>
      graph.file(path)!.exports.map((e) => `${e.name}:${e.line}:${e.local}`);
    expect(exports("lib/index.js")).toEqual(["default:11:__cjs_default"]);
    expect(exports("lib/log.js")).toEqual(["default:1:__cjs_default"]);
    expect(exports("lib/math.js")).toEqual(["add:1:__cjs_add", "multiply:5:__cjs_multiply"]);
    expect(exports("lib/settings.js")).toEqual(["scale:3:__cjs_scale", "source:4:__cjs_source"]);
  });

  it("links destructured requires to the assignment that exports each name", () => {
    expect(graph.symbolLinks("lib/index.js").map(linkLine)).toEqual([
      "lib/math.js#__cjs_add <= lib/index.js:1 require add -> lib/math.js",
      "lib/math.js#__cjs_multiply <= lib/index.js:1 require multiply -> lib/math.js",
      "lib/log.js#* <= lib/index.js:2 require * -> lib/log.js",
      "lib/settings.js#* <= lib/index.js:3 require * -> lib/settings.js",
    ]);
    const chain = graph.reach(["lib/settings.js"], "direct").chainTo({
      file: "lib/math.js",
      names: new Set(["add"]),
    });
    expect(chain?.map(hopLine)).toEqual(["lib/settings.js:1 require add -> lib/math.js"]);
  });
});

describe("side-effects fixture", async () => {
  const graph = await analyzeFixture("side-effects");

  it("records side-effect imports and JSON modules", () => {
    expect(importLines(graph)).toEqual([
      "src/main.ts:1 side-effect {} -> src/polyfill.ts",
      "src/main.ts:2 static {default} -> src/settings.json",
      "src/main.ts:3 static {start} -> src/server.ts",
      "src/server.ts:1 side-effect {} -> src/polyfill.ts",
      "src/worker.ts:1 static {start} -> src/server.ts",
    ]);
    const json = graph.file("src/settings.json");
    expect(json).toMatchObject({ status: "parsed", imports: [], exports: [] });
  });

  it("links a side-effect import to the whole module", () => {
    expect(graph.symbolLinks("src/main.ts").map(linkLine)).toEqual([
      "src/polyfill.ts#* <= src/main.ts:1 side-effect * -> src/polyfill.ts",
      "src/settings.json#default <= src/main.ts:2 static default -> src/settings.json",
      "src/server.ts#start <= src/main.ts:3 static start -> src/server.ts",
    ]);
  });

  it("counts the side effects a used file runs when it loads", () => {
    const chain = graph.reach(["src/worker.ts"], "transitive").chainTo({
      file: "src/polyfill.ts",
    });
    expect(chain?.map(hopLine)).toEqual([
      "src/worker.ts:1 static start -> src/server.ts",
      "src/server.ts:1 side-effect * -> src/polyfill.ts",
    ]);
    const direct = graph.reach(["src/worker.ts"], "direct");
    expect(direct.chainTo({ file: "src/polyfill.ts" })).toBe(undefined);
  });
});
