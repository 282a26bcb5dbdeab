import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { REACH_LEVELS } from "../../src/graph/reach.js";
import type { RepoGraph } from "../../src/graph/repo-graph.js";
import type { Plan } from "../../src/plan/types.js";
import { footprintsOf } from "../../src/validate/footprint.js";
import { Impact } from "../../src/validate/impact.js";
import { buildCase, Tape, tapes } from "./random-case.js";

/**
 * `Impact` answers for all tasks at once what `RepoGraph.reach(...).chainTo(...)` answers
 * for one pair; the two must agree, or pruning would stand on a different walk than the
 * one `anvil graph why` shows.
 */
describe("Impact agrees with RepoGraph.reach", () => {
  test.each(REACH_LEVELS)("on random graphs and plans, at the %s level", (level) => {
    fc.assert(
      fc.property(tapes, fc.nat(20), (tape, broken) => {
        const c = buildCase(new Tape(tape));
        const files = [...c.graph.files.values()];
        // Now and then a file the parser could not read, to compare the unclear answers.
        if (broken < files.length) files[broken]!.status = "unparsed";
        compare(c.graph, c.plan, level);
      }),
      { numRuns: 100 },
    );
  });
});

function compare(graph: RepoGraph, plan: Plan, level: (typeof REACH_LEVELS)[number]): void {
  const footprints = footprintsOf(plan.tasks, graph);
  const impact = new Impact(graph, level, footprints);
  for (const reader of footprints) {
    const reach = graph.reach(reader.sources, level);
    const reached = [...reader.sources, ...reach.reachedFiles()];
    const unclear = reached.some((file) => graph.file(file)?.status !== "parsed");
    expect(impact.unclear(reader) !== undefined, `unclear ${reader.task.id}`).toBe(unclear);
    for (const writer of footprints) {
      if (writer === reader) continue;
      const expected = writer.writes.some(
        (file) => reach.chainTo({ file, names: writer.changes?.get(file) }) !== undefined,
      );
      expect(impact.reaches(reader, writer), `${reader.task.id} → ${writer.task.id}`).toBe(
        expected,
      );
      const found = impact.chain(reader, writer);
      expect(found !== undefined).toBe(expected);
      if (!found) continue;
      expect(reader.sources).toContain(found.source);
      expect(found.chain[0]!.from).toBe(found.source);
      found.chain.slice(1).forEach((hop, i) => expect(hop.from).toBe(found.chain[i]!.to));
      expect(writer.writeSet.has(found.chain.at(-1)!.to)).toBe(true);
    }
  }
}
