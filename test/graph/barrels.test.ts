import { describe, expect, it } from "vitest";
import {
  analyzeFixture,
  fileEdges,
  importLines,
  linkLine,
  temporaryDir,
  writeFiles,
} from "./fixture.js";
import { analyzeRepo } from "../../src/graph/analyze.js";

const graph = await analyzeFixture("barrels");

describe("barrels fixture", () => {
  it("records every import and re-export with its line, kind and names", () => {
    expect(importLines(graph)).toEqual([
      "src/app.ts:1 static {createUser} -> src/index.ts",
      "src/index.ts:1 re-export {*} -> src/models/index.ts",
      "src/index.ts:2 re-export {*} -> src/util/index.ts",
      "src/models/index.ts:1 re-export {*} -> src/models/user.ts",
      "src/models/index.ts:2 re-export {orderTotal, type Order} -> src/models/order.ts",
      "src/models/order.ts:1 type {type User} -> src/models/user.ts",
      "src/report.ts:1 static {totalOf, strings, slugify, type Order} -> src/index.ts",
      "src/util/index.ts:1 re-export {*} -> src/util/strings.ts",
      "src/util/index.ts:2 static {slugify} -> src/util/strings.ts",
    ]);
  });

  it("records what each barrel exports and from where", () => {
    const models = graph.file("src/models/index.ts")!;
    expect(models.exports).toEqual([
      {
        name: "totalOf",
        kind: "value",
        line: 2,
        from: { specifier: "./order", name: "orderTotal" },
      },
      { name: "Order", kind: "type", line: 2, from: { specifier: "./order", name: "Order" } },
    ]);
    expect(models.starExports).toEqual([
      { specifier: "./user", line: 1, path: "src/models/user.ts" },
    ]);
    const util = graph.file("src/util/index.ts")!;
    expect(util.exports).toEqual([
      { name: "strings", kind: "value", line: 1, from: { specifier: "./strings", name: "*" } },
      { name: "slugify", kind: "value", line: 4, local: "slugify" },
    ]);
  });

  it("links one name imported from the top barrel to its declaring file only", () => {
    const links = graph.symbolLinks("src/app.ts");
    expect(links).toEqual([
      {
        target: { file: "src/models/user.ts", name: "createUser" },
        chain: [
          { from: "src/app.ts", to: "src/index.ts", line: 1, kind: "static", name: "createUser" },
          {
            from: "src/index.ts",
            to: "src/models/index.ts",
            line: 1,
            kind: "re-export",
            name: "createUser",
          },
          {
            from: "src/models/index.ts",
            to: "src/models/user.ts",
            line: 1,
            kind: "re-export",
            name: "createUser",
          },
        ],
      },
    ]);
  });

  it("follows renames, namespace re-exports and imports passed on by name", () => {
    expect(graph.symbolLinks("src/report.ts").map(linkLine)).toEqual([
      "src/models/order.ts#orderTotal <= " +
        "src/report.ts:1 static totalOf -> src/index.ts, " +
        "src/index.ts:1 re-export totalOf -> src/models/index.ts, " +
        "src/models/index.ts:2 re-export orderTotal -> src/models/order.ts",
      "src/util/strings.ts#* <= " +
        "src/report.ts:1 static strings -> src/index.ts, " +
        "src/index.ts:2 re-export strings -> src/util/index.ts, " +
        "src/util/index.ts:1 re-export * -> src/util/strings.ts",
      "src/util/strings.ts#slugify <= " +
        "src/report.ts:1 static slugify -> src/index.ts, " +
        "src/index.ts:2 re-export slugify -> src/util/index.ts, " +
        "src/util/index.ts:2 static slugify -> src/util/strings.ts",
      "src/models/order.ts#Order <= " +
        "src/report.ts:1 static Order -> src/index.ts, " +
        "src/index.ts:1 re-export Order -> src/models/index.ts, " +
        "src/models/index.ts:2 re-export Order -> src/models/order.ts",
    ]);
  });

  it("resolves exports of a barrel of barrels, starting the chain at the barrel", () => {
    expect(graph.resolveExport("src/index.ts", "createUser").map(linkLine)).toEqual([
      "src/models/user.ts#createUser <= " +
        "src/index.ts:1 re-export createUser -> src/models/index.ts, " +
        "src/models/index.ts:1 re-export createUser -> src/models/user.ts",
    ]);
    expect(graph.resolveExport("src/models/user.ts", "createUser").map(linkLine)).toEqual([
      "src/models/user.ts#createUser <= ",
    ]);
    // A name no file exports is taken to live in the barrel itself: the safe guess.
    expect(graph.resolveExport("src/index.ts", "missing").map(linkLine)).toEqual([
      "src/index.ts#missing <= ",
    ]);
  });

  it("keeps the file graph complete whatever names the imports carry", () => {
    expect(fileEdges(graph)).toEqual([
      "src/app.ts -> src/index.ts",
      "src/index.ts -> src/models/index.ts",
      "src/index.ts -> src/util/index.ts",
      "src/models/index.ts -> src/models/order.ts",
      "src/models/index.ts -> src/models/user.ts",
      "src/models/order.ts -> src/models/user.ts",
      "src/report.ts -> src/index.ts",
      "src/util/index.ts -> src/util/strings.ts",
    ]);
  });
});

describe("barrels that re-export each other", () => {
  it("resolves through the cycle to every declaring file, from either side", async () => {
    const root = temporaryDir();
    writeFiles(root, {
      "src/shapes/index.ts": 'export * from "./circle";\nexport * from "../colors/index";\n',
      "src/shapes/circle.ts": "export const circle = 1;\n",
      "src/colors/index.ts": 'export * from "./rgb";\nexport * from "../shapes/index";\n',
      "src/colors/rgb.ts": "export const rgb = 2;\n",
      "src/main.ts": 'import { rgb, circle } from "./shapes/index";\n',
    });
    const graph = await analyzeRepo(root, { cache: false });
    const targets = (file: string, name: string) =>
      graph.resolveExport(file, name).map((l) => `${l.target.file}#${l.target.name}`);
    // In this order, the first lookup asks colors for `circle` while shapes is still open:
    // that partial answer must not be remembered as colors' answer.
    expect(targets("src/shapes/index.ts", "circle")).toEqual(["src/shapes/circle.ts#circle"]);
    expect(targets("src/colors/index.ts", "circle")).toEqual(["src/shapes/circle.ts#circle"]);
    expect(targets("src/colors/index.ts", "rgb")).toEqual(["src/colors/rgb.ts#rgb"]);
    expect(targets("src/shapes/index.ts", "rgb")).toEqual(["src/colors/rgb.ts#rgb"]);
    expect(graph.symbolLinks("src/main.ts").map((l) => l.target.file)).toEqual([
      "src/colors/rgb.ts",
      "src/shapes/circle.ts",
    ]);
  });

  it("resolves every name of a clique of barrels that all re-export each other", async () => {
    const size = 10;
    const files: Record<string, string> = {};
    for (let i = 0; i < size; i++) {
      const others = [...Array(size).keys()].filter((j) => j !== i);
      files[`src/b${i}/leaf.ts`] = `export const v${i} = ${i};\n`;
      files[`src/b${i}/index.ts`] = [
        'export * from "./leaf";',
        ...others.map((j) => `export * from "../b${j}/index";`),
        "",
      ].join("\n");
    }
    const root = temporaryDir();
    writeFiles(root, files);
    const graph = await analyzeRepo(root, { cache: false });
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const targets = graph.resolveExport(`src/b${i}/index.ts`, `v${j}`).map((l) => l.target);
        expect(new Set(targets.map((t) => `${t.file}#${t.name}`))).toEqual(
          new Set([`src/b${j}/leaf.ts#v${j}`]),
        );
      }
    }
  });
});
