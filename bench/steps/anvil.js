// One anvil analysis: `node bench/steps/anvil.js DIR [--no-cache]`. The analyzer's own phase
// timings (its `anvil:*` debug lines) are collected and reported with the figures.
import { enableDebug } from "../../dist/debug.js";
import { analyzeRepo } from "../../dist/graph/analyze.js";
import { report } from "./report.js";

const started = performance.now();
const phases = [];
enableDebug("anvil:*", (line) => phases.push(line));
const graph = analyzeRepo(process.argv[2], { cache: !process.argv.includes("--no-cache") });
report(started, { files: graph.files.size, phases });
