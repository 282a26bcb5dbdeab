// One anvil analysis: `node bench/steps/anvil.js DIR [--no-cache]`. The analyzer's own phase
// timings (its `anvil:*` debug lines) are collected and reported with the figures.
import { importDist } from "./dist.js";
import { report } from "./report.js";

const { enableDebug } = await importDist("debug.js");
const { analyzeRepo } = await importDist("graph/analyze.js");

const started = performance.now();
const phases = [];
enableDebug("anvil:*", (line) => phases.push(line));
// `await` serves a synchronous and an asynchronous analyzer alike.
const graph = await analyzeRepo(process.argv[2], { cache: !process.argv.includes("--no-cache") });
report(started, { files: graph.files.size, phases });
