import { describe, expect, it } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import { hopLine, temporaryDir, writeFiles } from "./fixture.js";

describe("top-level code", () => {
  it("counts for every export of its file at the transitive level", async () => {
    const root = temporaryDir();
    writeFiles(root, {
      "src/plugins.ts": "export function register(name: string) { return name; }\n",
      "src/setup.ts": [
        'import { register } from "./plugins";',
        'register("audit");',
        "export const ready = true;",
        "",
      ].join("\n"),
      "src/app.ts": 'import { ready } from "./setup";\nexport const started = ready;\n',
    });
    const graph = await analyzeRepo(root, { cache: false });
    const target = { file: "src/plugins.ts", names: new Set(["register"]) };
    const chain = graph.reach(["src/app.ts"], "transitive").chainTo(target);
    expect(chain?.map(hopLine)).toEqual([
      "src/app.ts:1 static ready -> src/setup.ts",
      "src/setup.ts:1 static register -> src/plugins.ts",
    ]);
    // Only the names a file imports itself: the module's own code is not followed.
    expect(graph.reach(["src/app.ts"], "direct").chainTo(target)).toBeUndefined();
  });
});
