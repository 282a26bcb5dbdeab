// The validator's speed: a 1,000-task chained plan on the generated 10,000-file repository,
// timed with the graph already loaded, beside a cold analysis of the same repository.
// Target: validation under 5% of the cold analysis (the median of several validations over
// one loaded graph). `--quick`: 200 tasks on 2,000 files.
import { parseArgs } from "node:util";
import { ensureGenerated } from "../lib/corpora.js";
import { analyzeRepo } from "../../dist/graph/analyze.js";
import { validatePlan } from "../../dist/validate/index.js";

const TARGET = 0.05;
const { values: flags } = parseArgs({
  options: { quick: { type: "boolean", default: false }, runs: { type: "string" } },
  strict: false,
});
const quick = Boolean(flags.quick);
const files = quick ? 2000 : 10000;
const taskCount = quick ? 200 : 1000;
const runs = Number(flags.runs ?? 5);
const dir = ensureGenerated(files);

console.log(`validate: a ${taskCount}-task chained plan on gen-${files}`);
const cold = [];
let graph;
for (let i = 0; i < Math.min(runs, 3); i++) {
  const started = performance.now();
  graph = await analyzeRepo(dir, { cache: false });
  cold.push(performance.now() - started);
}
const plan = chainedPlan(graph, taskCount);

// First validations, each on a graph fresh from the analyzer's cache: they also pay for the
// graph's first symbol resolutions and the validator's walk of the imports, both memoized
// with the graph afterwards.
await analyzeRepo(dir, { cache: true });
const fresh = [];
for (let i = 0; i < Math.min(runs, 3); i++) {
  const loaded = await analyzeRepo(dir, { cache: true });
  const started = performance.now();
  validatePlan(plan, loaded);
  fresh.push(performance.now() - started);
}
// The target's measure: the graph loaded once, validation timed several times over it
// (after one untimed validation, whose cost the fresh-graph line above reports).
const repeated = [];
let verdict = validatePlan(plan, graph);
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  verdict = validatePlan(plan, graph);
  repeated.push(performance.now() - started);
}

const coldMs = median(cold);
const validateMs = median(repeated);
const ratio = validateMs / coldMs;
const m = verdict.metrics;
const count = (kind) => verdict.edges.filter((e) => e.verdict === kind).length;
const percent = (ms) => `${((ms / coldMs) * 100).toFixed(1)}% of cold analysis`;
console.log(
  [
    `  cold analysis (no cache)           ${seconds(coldMs)}  median of ${cold.length}`,
    `  validation, graph loaded once      ${seconds(validateMs)}  median of ${repeated.length}, ` +
      `${percent(validateMs)} (target < ${TARGET * 100}%: ${ratio < TARGET ? "met" : "MISSED"})`,
    `  first validation on a fresh graph  ${seconds(median(fresh))}  median of ${fresh.length}, ` +
      `${percent(median(fresh))} (includes first symbol resolution)`,
    `  verdict: ${m.edgesBefore} edges → ${count("kept")} kept, ${count("redundant")} redundant, ` +
      `${count("pruned")} pruned, ${count("added")} added; critical path ` +
      `${m.criticalPathBefore} → ${m.criticalPathAfter}, width ${m.widthBefore} → ${m.widthAfter}`,
  ].join("\n"),
);
// The target is set for the full run; --quick only shows the figures.
process.exitCode = ratio < TARGET || quick ? 0 : 1;

/**
 * What a small planner writes: every task after the previous one. Each task writes one or
 * two leaf files of nearby modules; half declare what they provide, a few use a symbol of
 * another module, a few write a barrel, and some create a new file.
 */
function chainedPlan(graph, count) {
  const random = mulberry32(7);
  const leaves = [...graph.files.keys()].filter((p) => !p.endsWith("/index.ts")).sort();
  const tasks = [];
  for (let i = 0; i < count; i++) {
    const first = leaves[Math.floor(random() * leaves.length)];
    const writes = [first];
    if (random() < 0.4) writes.push(leaves[Math.min(leaves.length - 1, leaves.indexOf(first) + 1)]);
    if (random() < 0.05) writes.push(first.replace(/[^/]+\/[^/]+$/, "index.ts"));
    if (random() < 0.05) writes.push(first.replace(/\.ts$/, `-extra${i}.ts`));
    const task = { id: String(i + 1), title: `task ${i + 1}`, reads: [], uses: [], writes };
    if (random() < 0.5) {
      task.provides = writes.flatMap((p) =>
        (graph.file(p)?.exports ?? []).filter(() => random() < 0.3).map((e) => `${p}#${e.name}`),
      );
    }
    if (random() < 0.1) {
      const other = graph.file(leaves[Math.floor(random() * leaves.length)]);
      const exported = other?.exports[0];
      if (exported) task.uses.push(`${other.path}#${exported.name}`);
    }
    task.depends_on = i === 0 ? [] : [String(i)];
    tasks.push(task);
  }
  return { version: 1, tasks };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(3)} s`.padStart(9);
}

function mulberry32(seed) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
