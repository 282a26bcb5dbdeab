import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chooseModel, costOf, DEFAULT_MODEL } from "../../src/model/index.js";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "anvil-choose-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("choosing the model", () => {
  it("prefers --model, then ANVIL_MODEL, then the config file, then the default", () => {
    writeFileSync(join(dir, "anvil.config.json"), JSON.stringify({ model: "from-config" }));
    const env = { ANVIL_MODEL: "from-env" };
    expect(chooseModel("from-flag", env, [dir])).toEqual({ model: "from-flag", source: "flag" });
    expect(chooseModel(undefined, env, [dir])).toEqual({ model: "from-env", source: "env" });
    expect(chooseModel(undefined, {}, [dir])).toMatchObject({
      model: "from-config",
      source: "config",
      file: join(dir, "anvil.config.json"),
    });
    rmSync(join(dir, "anvil.config.json"));
    expect(chooseModel(undefined, {}, [dir])).toEqual({ model: DEFAULT_MODEL, source: "default" });
  });

  it("reads the anvil key of package.json", () => {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ anvil: { model: "from-pkg" } }));
    expect(chooseModel(undefined, {}, [dir])).toMatchObject({
      model: "from-pkg",
      source: "config",
    });
  });

  it("names the file and field when the configured model is not a string", () => {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ anvil: { model: 3 } }));
    expect(() => chooseModel(undefined, {}, [dir])).toThrow(
      /package\.json: "anvil\.model" must be/,
    );
  });
});

describe("estimating cost", () => {
  const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

  it("prices by model, including dated snapshots", () => {
    const call = { ...usage, inputTokens: 2_000_000, outputTokens: 1_000_000 };
    expect(costOf("claude-sonnet-5-5", call)).toBeCloseTo(2 * 2 + 10, 6);
    expect(costOf("claude-haiku-4-5-20251001", call)).toBeCloseTo(2 * 1 + 5, 6);
  });

  it("switches Haiku 5.5 to its long-prompt rate above 100k prompt tokens", () => {
    const short = costOf("claude-haiku-5-5", { ...usage, inputTokens: 100_000 });
    const long = costOf("claude-haiku-5-5", { ...usage, inputTokens: 100_001 });
    expect(short).toBeCloseTo(0.01, 8);
    expect(long).toBeCloseTo((100_001 * 0.5) / 1e6, 8);
  });

  it("gives no estimate for a model without a known price", () => {
    expect(costOf("some-other-model", { ...usage, inputTokens: 5 })).toBeNull();
  });
});
