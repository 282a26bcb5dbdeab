// `npm run bench`: the analyzer against parse-only and dependency-cruiser, then every suite in
// bench/suites/. Flags: --quick, --runs N, --corpora viem,zod,gen-10000 (also effect,
// @anthropic-ai/sdk, gen-<any count>), --depcruise-timeout SEC, --skip-depcruise. Results are
// also written to bench/results/latest.json. ANVIL_BENCH_DIST=DIR benchmarks another build (a
// copy of dist/ beside a copy of package.json, inside this checkout so its dependencies
// resolve) instead of dist/.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchCorpus } from "./lib/analyzer-bench.js";
import { ensureGenerated, ensureNpmSources, ensureViem } from "./lib/corpora.js";
import { checksOf, formatCorpus } from "./lib/table.js";

const FULL = ["viem", "gen-10000", "gen-50000"];
const QUICK = ["viem", "gen-2000"];
const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    corpora: { type: "string" },
    "depcruise-timeout": { type: "string", default: "400" },
    "skip-depcruise": { type: "boolean", default: false },
  },
});
const runs = Number(flags.runs ?? (flags.quick ? 3 : 5));
const names = flags.corpora?.split(",") ?? (flags.quick ? QUICK : FULL);
const log = (message) => console.error(`  … ${message}`);

const results = { date: new Date().toISOString(), node: process.version, machine: machine() };
results.flags = flags;
results.corpora = [];
let failed = false;
for (const name of names) {
  console.error(`\n${name}: preparing the corpus`);
  const dir = corpusDir(name);
  // 50,000 files take minutes a run; three runs give a median all the same.
  const corpusRuns = name === "gen-50000" ? Math.min(runs, 3) : runs;
  const steps = await benchCorpus(dir, {
    runs: corpusRuns,
    depcruise: !flags["skip-depcruise"],
    depcruiseTimeoutMs: Number(flags["depcruise-timeout"]) * 1000,
    log,
  });
  const checks = checksOf(steps);
  failed ||= Object.values(steps).some((s) => s.failed);
  console.log(`\n${formatCorpus(name, steps, checks, corpusRuns)}`);
  results.corpora.push({ name, dir, runs: corpusRuns, steps, checks });
}
results.suites = await runSuites();
mkdirSync(join(BENCH_DIR, "results"), { recursive: true });
writeFileSync(join(BENCH_DIR, "results", "latest.json"), JSON.stringify(results, null, 2) + "\n");
console.log(`\nresults written to bench/results/latest.json`);
console.log(`note: wall times on a shared machine are noisy; compare medians, not single runs.`);
process.exitCode = failed || results.suites.some((s) => s.code !== 0) ? 1 : 0;

function corpusDir(name) {
  if (name === "viem") return ensureViem();
  const count = /^gen-(\d+)$/.exec(name)?.[1];
  if (count) return ensureGenerated(Number(count));
  if (["zod", "@anthropic-ai/sdk", "effect"].includes(name)) return ensureNpmSources(name);
  throw new Error(
    `unknown corpus ${name}: use viem, zod, @anthropic-ai/sdk, effect or gen-<files>`,
  );
}

/** Each bench/suites/*.js in its own process, with this run's flags, output shown as it comes. */
async function runSuites() {
  const dir = join(BENCH_DIR, "suites");
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".js"))
        .sort()
    : [];
  const suites = [];
  for (const file of files) {
    console.log(`\n=== suite: ${file} ===`);
    const started = performance.now();
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, [join(dir, file), ...process.argv.slice(2)], {
        stdio: "inherit",
      });
      child.on("close", (status) => resolve(status ?? 1));
    });
    suites.push({ file, code, ms: Math.round(performance.now() - started) });
    if (code !== 0) console.log(`suite ${file} exited with ${code}`);
  }
  if (files.length === 0) console.log("\n(no suites in bench/suites/)");
  return suites;
}

function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryMB: totalmem() >> 20 };
}
