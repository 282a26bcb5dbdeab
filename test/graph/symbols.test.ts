import { describe, expect, it } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import { hopLine, linkLine, temporaryDir, writeFiles } from "./fixture.js";

async function repoOf(files: Record<string, string>) {
  const root = temporaryDir();
  writeFiles(root, files);
  return await analyzeRepo(root, { cache: false });
}

describe("symbol links", () => {
  it("follows default exports through barrels, named or anonymous", async () => {
    const graph = await repoOf({
      "src/ui/button.tsx": "export default function Button() {\n  return null;\n}\n",
      "src/ui/panel.tsx": "export default class {\n  size = 1;\n}\n",
      "src/ui/index.ts":
        'export { default as Button } from "./button";\nexport { default } from "./panel";\n',
      "src/app.tsx":
        'import Panel, { Button } from "./ui";\n\nexport const all = [Panel, Button];\n',
    });
    expect(graph.symbolLinks("src/app.tsx").map(linkLine)).toEqual([
      "src/ui/panel.tsx#__default <= src/app.tsx:1 static default -> src/ui/index.ts, " +
        "src/ui/index.ts:2 re-export default -> src/ui/panel.tsx",
      "src/ui/button.tsx#Button <= src/app.tsx:1 static Button -> src/ui/index.ts, " +
        "src/ui/index.ts:1 re-export default -> src/ui/button.tsx",
    ]);
  });

  it("gives each re-export of the same module its own line", async () => {
    const graph = await repoOf({
      "src/dates.ts": "export const today = () => new Date();\n",
      "src/index.ts": 'export { today } from "./dates";\nexport * as dates from "./dates";\n',
    });
    expect(graph.resolveExport("src/index.ts", "dates").map(linkLine)).toEqual([
      "src/dates.ts#* <= src/index.ts:2 re-export * -> src/dates.ts",
    ]);
    expect(graph.resolveExport("src/index.ts", "today").map(linkLine)).toEqual([
      "src/dates.ts#today <= src/index.ts:1 re-export today -> src/dates.ts",
    ]);
  });

  it("reads `export =` as the module's default and its properties", async () => {
    const graph = await repoOf({
      "src/helper.ts": "const helper = { run: () => 1 };\nexport = helper;\n",
      "src/legacy.ts": 'import helper = require("./helper");\nexport = helper;\n',
      "src/app.ts": 'import legacy from "./legacy";\nimport { run } from "./helper";\n',
    });
    expect(graph.symbolLinks("src/app.ts").map(linkLine)).toEqual([
      "src/helper.ts#* <= src/app.ts:1 static default -> src/legacy.ts, " +
        "src/legacy.ts:1 require * -> src/helper.ts",
      "src/helper.ts#helper <= src/app.ts:2 static run -> src/helper.ts",
    ]);
  });

  it("follows a property of module.exports to what its value uses", async () => {
    const graph = await repoOf({
      "lib/math.js": "exports.add = (a, b) => a + b;\n",
      "lib/index.js": [
        'const { add } = require("./math");',
        "",
        "function total(values) {",
        "  return values.reduce(add, 0);",
        "}",
        "",
        "module.exports = { sum: total };",
        "",
      ].join("\n"),
      "bin/cli.js": 'const { sum } = require("../lib/index");\n\nconsole.log(sum([1, 2]));\n',
    });
    expect(graph.symbolLinks("bin/cli.js").map(linkLine)).toEqual([
      "lib/index.js#__cjs_default <= bin/cli.js:1 require sum -> lib/index.js",
    ]);
    const chain = graph.reach(["bin/cli.js"], "transitive").chainTo({ file: "lib/math.js" });
    expect(chain?.map(hopLine)).toEqual([
      "bin/cli.js:1 require sum -> lib/index.js",
      "lib/index.js:1 require add -> lib/math.js",
    ]);
  });
});
