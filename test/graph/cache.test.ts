import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeRepo } from "../../src/graph/analyze.js";
import { copyFixture, importLines, writeFiles } from "./fixture.js";

/** A fixed modification time, so that an edit can be hidden from the size-and-mtime check. */
const FIXED_TIME = 1_700_000_000;

function pin(file: string): void {
  utimesSync(file, FIXED_TIME, FIXED_TIME);
}

describe("the analysis cache", () => {
  it("is written under .anvil/cache and kept out of git", async () => {
    const root = copyFixture("barrels");
    await analyzeRepo(root);
    expect(statSync(join(root, ".anvil/cache/graph.tsv")).size).toBeGreaterThan(0);
    expect(readFileSync(join(root, ".anvil/.gitignore"), "utf8")).toBe("*\n");
  });

  it("serves an unchanged file from the cache on the next run", async () => {
    const root = copyFixture("barrels");
    const app = join(root, "src/app.ts");
    pin(app);
    const first = await analyzeRepo(root);
    // Same size, same mtime, other content: only a run that trusts the cache misses it.
    const text = readFileSync(app, "utf8");
    writeFileSync(app, text.replace('"./index"', '"./inde_"'));
    pin(app);
    const second = await analyzeRepo(root);
    expect(importLines(second)).toEqual(importLines(first));
    const fresh = await analyzeRepo(root, { cache: false });
    expect(importLines(fresh)[0]).toBe("src/app.ts:1 static {createUser} -> missing");
  });

  it("reflects an edit to one file on the next run", async () => {
    const root = copyFixture("barrels");
    const before = importLines(await analyzeRepo(root));
    writeFiles(root, {
      "src/app.ts":
        'import { createUser } from "./index";\nimport { capitalize } from "./util/strings";\n\n' +
        'export const admin = createUser(capitalize("admin"));\n',
    });
    const after = await analyzeRepo(root);
    expect(importLines(after)).toEqual([
      before[0],
      "src/app.ts:2 static {capitalize} -> src/util/strings.ts",
      ...before.slice(1),
    ]);
    expect(after.symbolLinks("src/app.ts").map((l) => l.target.file)).toEqual([
      "src/models/user.ts",
      "src/util/strings.ts",
    ]);
  });

  it("re-resolves unchanged files when a new file changes where an import leads", async () => {
    const root = copyFixture("barrels");
    writeFiles(root, { "src/extra.ts": 'import { slugify } from "./util";\n' });
    const before = await analyzeRepo(root);
    expect(importLines(before)).toContain("src/extra.ts:1 static {slugify} -> src/util/index.ts");
    writeFiles(root, { "src/util.ts": "export const slugify = (s: string) => s;\n" });
    const after = await analyzeRepo(root);
    expect(importLines(after)).toContain("src/extra.ts:1 static {slugify} -> src/util.ts");
  });

  it("starts afresh when a tsconfig changes", async () => {
    const root = copyFixture("path-aliases");
    await analyzeRepo(root);
    const config = JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8"));
    config.compilerOptions.paths = { "@/*": ["src/*"], "~lib/*": ["src/*"] };
    writeFiles(root, {
      "tsconfig.json": JSON.stringify(config),
      "src/math.ts": "export const clamp = (n: number) => n;\n",
    });
    const after = await analyzeRepo(root);
    expect(importLines(after)).toContain("src/main.ts:2 static {clamp} -> src/math.ts");
  });

  it("survives a cache file it cannot read", async () => {
    const root = copyFixture("cycles");
    const expected = importLines(await analyzeRepo(root));
    writeFileSync(join(root, ".anvil/cache/graph.tsv"), "not a cache");
    expect(importLines(await analyzeRepo(root))).toEqual(expected);
  });

  it("writes nothing when turned off", async () => {
    const root = copyFixture("cycles");
    await analyzeRepo(root, { cache: false });
    expect(existsSync(join(root, ".anvil"))).toBe(false);
  });

  // When only mtimes change (a checkout, a copy), the files are hashed again and found
  // unchanged; the cache must then be saved with the new mtimes.
  it("records new mtimes of unchanged files, so the run after trusts them", async () => {
    const root = copyFixture("barrels");
    const app = join(root, "src/app.ts");
    const expected = importLines(await analyzeRepo(root));
    pin(app);
    await analyzeRepo(root);
    // Hidden edit, as above: only a run that trusts the refreshed record misses it.
    writeFileSync(app, readFileSync(app, "utf8").replace('"./index"', '"./inde_"'));
    pin(app);
    expect(importLines(await analyzeRepo(root))).toEqual(expected);
  });

  // Cached resolutions are kept while the list of source files is unchanged, so data files
  // (JSON, styles) that appear or vanish must be noticed separately.
  it("notices a data file that appears after the run that cached its import", async () => {
    const root = copyFixture("side-effects");
    writeFiles(root, { "src/extra.ts": 'import extra from "./extra.json";\n' });
    const before = await analyzeRepo(root);
    expect(importLines(before)).toContain("src/extra.ts:1 static {default} -> missing");
    writeFiles(root, { "src/extra.json": "{}\n" });
    const after = await analyzeRepo(root);
    expect(importLines(after)).toContain("src/extra.ts:1 static {default} -> src/extra.json");
  });
});
