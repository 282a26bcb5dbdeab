import { existsSync } from "node:fs";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { describe, expect, it } from "vitest";
import { REPOS, SCENARIOS, type Scenario, analyzeFixture, fileEdges } from "./fixture.js";

/**
 * Where dependency-cruiser and anvil are expected to disagree on a fixture's file → file
 * edges, and why. Anything else that differs fails the test.
 */
const EXPECTED_DIFFERENCES: Partial<Record<Scenario, { onlyAnvil: string[]; why: string }>> = {
  workspace: {
    onlyAnvil: [
      "packages/app/src/main.ts -> packages/core/src/index.ts",
      "packages/app/src/main.ts -> packages/core/src/money.ts",
    ],
    why:
      "@acme/core is not installed in node_modules, and its manifest points at dist/ which " +
      "was never built; dependency-cruiser leaves the import unresolved, anvil maps the " +
      "workspace package to its source",
  },
};

/** dependency-cruiser's file → file edges inside the fixture, as `from -> to`. */
async function cruiseEdges(scenario: Scenario): Promise<string[]> {
  const repo = `${REPOS}/${scenario}`;
  const tsconfig = `${repo}/tsconfig.json`;
  const hasTsconfig = existsSync(tsconfig);
  const { output } = await cruise(
    ["."],
    {
      baseDir: repo,
      tsPreCompilationDeps: true,
      doNotFollow: { path: "node_modules" },
      ...(hasTsconfig ? { tsConfig: { fileName: tsconfig } } : {}),
    },
    {},
    hasTsconfig ? { tsConfig: extractTSConfig(tsconfig) } : {},
  );
  const edges = new Set<string>();
  for (const module of (output as ICruiseResult).modules) {
    for (const dependency of module.dependencies) {
      if (dependency.couldNotResolve || dependency.coreModule) continue;
      if (dependency.resolved.includes("node_modules/")) continue;
      edges.add(`${module.source} -> ${dependency.resolved}`);
    }
  }
  return [...edges].sort();
}

describe("the file graph agrees with dependency-cruiser's", () => {
  it.each(SCENARIOS)("%s", async (scenario) => {
    const [theirs, ours] = await Promise.all([
      cruiseEdges(scenario),
      analyzeFixture(scenario).then(fileEdges),
    ]);
    const expected = EXPECTED_DIFFERENCES[scenario] ?? { onlyAnvil: [], why: "no difference" };
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((edge) => !ours.includes(edge))).toEqual([]);
    expect(
      ours.filter((edge) => !theirs.includes(edge)),
      expected.why,
    ).toEqual(expected.onlyAnvil);
  });
});
