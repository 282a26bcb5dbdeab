import { describe, expect, it } from "vitest";
import { analyzeFixture, fileEdges, hopLine, importLines } from "./fixture.js";

const barrels = await analyzeFixture("barrels");
const cycles = await analyzeFixture("cycles");

const chainLines = (hops: ReturnType<ReturnType<typeof barrels.reach>["chainTo"]>) =>
  hops?.map(hopLine);

describe("reach through barrels", () => {
  it("finds what a symbol's declaration uses only at the transitive level", () => {
    const target = { file: "src/models/user.ts" };
    expect(barrels.reach(["src/report.ts"], "direct").chainTo(target)).toBe(undefined);
    expect(chainLines(barrels.reach(["src/report.ts"], "transitive").chainTo(target))).toEqual([
      "src/report.ts:1 static totalOf -> src/index.ts",
      "src/index.ts:1 re-export totalOf -> src/models/index.ts",
      "src/models/index.ts:2 re-export orderTotal -> src/models/order.ts",
      "src/models/order.ts:1 type User -> src/models/user.ts",
    ]);
  });

  it("finds a file-level path where no imported symbol leads", () => {
    const target = { file: "src/util/strings.ts" };
    expect(barrels.reach(["src/app.ts"], "direct").chainTo(target)).toBe(undefined);
    expect(barrels.reach(["src/app.ts"], "transitive").chainTo(target)).toBe(undefined);
    expect(chainLines(barrels.reach(["src/app.ts"], "file").chainTo(target))).toEqual([
      "src/app.ts:1 static * -> src/index.ts",
      "src/index.ts:2 re-export * -> src/util/index.ts",
      "src/util/index.ts:1 re-export * -> src/util/strings.ts",
    ]);
  });

  it("lists the barrels a symbol chain passes through as reached", () => {
    expect(barrels.reach(["src/app.ts"], "direct").reachedFiles().sort()).toEqual([
      "src/index.ts",
      "src/models/index.ts",
      "src/models/user.ts",
    ]);
  });

  it("matches target names, including names the reached declaration mentions", () => {
    const reach = barrels.reach(["src/app.ts"], "direct");
    const chainTo = (...names: string[]) =>
      reach.chainTo({ file: "src/models/user.ts", names: new Set(names) })?.length;
    expect(chainTo("createUser")).toBe(3);
    // createUser's signature returns a User: changing User changes what app.ts gets.
    expect(chainTo("User")).toBe(3);
    expect(chainTo("somethingElse")).toBe(undefined);
    const order = { file: "src/models/order.ts", names: new Set(["orderTotal"]) };
    expect(reach.chainTo(order)).toBe(undefined);
  });

  it("memoizes a reach per source set and level", () => {
    const first = barrels.reach(["src/report.ts", "src/app.ts"], "transitive");
    expect(barrels.reach(["src/app.ts", "src/report.ts"], "transitive")).toBe(first);
    expect(barrels.reach(["src/app.ts", "src/report.ts"], "direct")).not.toBe(first);
  });
});

describe("cycles fixture", () => {
  it("records the a → b → c → a cycle", () => {
    expect(importLines(cycles)).toEqual([
      "src/a.ts:1 static {stepB} -> src/b.ts",
      "src/b.ts:1 static {stepC} -> src/c.ts",
      "src/c.ts:1 static {stepA, LIMIT} -> src/a.ts",
      "src/main.ts:1 static {stepA} -> src/a.ts",
    ]);
    expect(fileEdges(cycles)).toEqual([
      "src/a.ts -> src/b.ts",
      "src/b.ts -> src/c.ts",
      "src/c.ts -> src/a.ts",
      "src/main.ts -> src/a.ts",
    ]);
  });

  it("walks around the cycle once at every level", () => {
    for (const level of ["transitive", "file"] as const) {
      const reach = cycles.reach(["src/main.ts"], level);
      expect(reach.reachedFiles().sort()).toEqual(["src/a.ts", "src/b.ts", "src/c.ts"]);
    }
    expect(
      chainLines(cycles.reach(["src/main.ts"], "transitive").chainTo({ file: "src/c.ts" })),
    ).toEqual([
      "src/main.ts:1 static stepA -> src/a.ts",
      "src/a.ts:1 static stepB -> src/b.ts",
      "src/b.ts:1 static stepC -> src/c.ts",
    ]);
    expect(cycles.reach(["src/main.ts"], "direct").chainTo({ file: "src/c.ts" })).toBe(undefined);
  });

  it("finds the way back to a source only through the cycle", () => {
    expect(chainLines(cycles.reach(["src/a.ts"], "file").chainTo({ file: "src/a.ts" }))).toEqual([
      "src/a.ts:1 static * -> src/b.ts",
      "src/b.ts:1 static * -> src/c.ts",
      "src/c.ts:1 static * -> src/a.ts",
    ]);
    expect(cycles.reach(["src/main.ts"], "file").chainTo({ file: "src/main.ts" })).toBe(undefined);
  });

  it("tells apart the names a cycle carries", () => {
    const reach = cycles.reach(["src/c.ts"], "direct");
    expect(chainLines(reach.chainTo({ file: "src/a.ts", names: new Set(["LIMIT"]) }))).toEqual([
      "src/c.ts:1 static LIMIT -> src/a.ts",
    ]);
    expect(reach.chainTo({ file: "src/b.ts" })).toBe(undefined);
    const around = cycles.reach(["src/c.ts"], "transitive");
    expect(chainLines(around.chainTo({ file: "src/b.ts" }))).toEqual([
      "src/c.ts:1 static stepA -> src/a.ts",
      "src/a.ts:1 static stepB -> src/b.ts",
    ]);
  });
});
