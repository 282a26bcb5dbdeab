import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import { generateRepo } from "../helpers/generated-repo.js";

function contents(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) =>
    e.isFile(),
  );
  return new Map(files.map((e) => [join(e.parentPath, e.name).slice(dir.length), read(e)]));
  function read(entry: { parentPath: string; name: string }): string {
    return readFileSync(join(entry.parentPath, entry.name), "utf8");
  }
}

describe("the benchmark's generated repository", () => {
  const dir = generateRepo(200);
  const analysis = analyzeRepo(dir, { cache: false });

  it("is the same on every generation", () => {
    expect(contents(generateRepo(200))).toEqual(contents(dir));
  });

  it("has the requested number of source files, leaves of 40 to 120 lines", () => {
    const sources = [...contents(dir)].filter(([path]) => path.endsWith(".ts"));
    expect(sources).toHaveLength(200);
    const leaves = sources.filter(([path]) => !/\/(index|types)\.ts$/.test(path));
    for (const [path, text] of leaves) {
      expect({ path, lines: text.split("\n").length }).toMatchObject({
        lines: expect.toSatisfy((n: number) => n >= 40 && n <= 120),
      });
    }
  });

  it("resolves every import and re-export inside the repository", async () => {
    const graph = await analysis;
    const nodes = [...graph.files.values()];
    expect(nodes.filter((n) => n.status !== "parsed")).toEqual([]);
    const imports = nodes.flatMap((n) => n.imports.map((i) => ({ file: n.path, ...i })));
    expect(imports.filter((i) => !i.path)).toEqual([]);
    expect(imports.some((i) => i.specifier.startsWith("@gen/"))).toBe(true);
    expect(imports.some((i) => i.kind === "type")).toBe(true);
    const stars = nodes.flatMap((n) => n.starExports);
    expect(stars.filter((s) => !s.path)).toEqual([]);
  });

  it("links names imported from a module's barrel to the leaf that declares them", async () => {
    const graph = await analysis;
    const barrelImports = [...graph.files.values()].flatMap((node) =>
      node.imports.filter((i) => /^@gen\/a\d+\/m\d+$/.test(i.specifier)),
    );
    expect(barrelImports.length).toBeGreaterThan(20);
    for (const fact of barrelImports) {
      expect(fact.path).toMatch(/\/m\d+\/index\.ts$/);
      for (const { name } of fact.names) {
        const [link, ...others] = graph.resolveExport(fact.path!, name);
        expect(others).toEqual([]);
        if (name === "utils") {
          expect(link?.target).toEqual({
            file: expect.stringMatching(/utils\/index\.ts$/),
            name: "*",
          });
        } else if (name.startsWith("make")) {
          // `export { createX as makeX } from "./utils/x.js"`: one hop, to the local name
          expect(link?.target).toEqual({
            file: expect.not.stringMatching(/index/),
            name: `create${name.slice(4)}`,
          });
        } else {
          // `export *` of a folder barrel, which re-exports the leaf: barrels of barrels
          expect(link?.target.file).not.toMatch(/index\.ts$/);
          expect(link?.chain.length).toBe(2);
        }
      }
    }
  });
});
