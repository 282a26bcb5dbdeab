import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { depcruiseTarget, editTarget } from "./corpora.js";
import { measure, runStep, summarize } from "./measure.js";

/** Above this many files dependency-cruiser is not run: its time grows faster than linearly. */
const DEPCRUISE_MAX_FILES = 20_000;

/**
 * Every measured step of the analyzer benchmark on one corpus. The steps take turns, one run
 * each per round, so that a change in the machine's load falls on all of them alike; within a
 * round each leaves the next the state it needs (cold writes the cache that warm reads, then
 * one file is edited).
 */
export async function benchCorpus(dir, { runs, depcruise, depcruiseTimeoutMs, log }) {
  const clearCache = () => rmSync(join(dir, ".anvil"), { recursive: true, force: true });
  const editedFile = join(dir, editTarget(dir));
  const original = readFileSync(editedFile, "utf8");
  const edit = (i) => writeFileSync(editedFile, `${original}\nexport const benchEdit = ${i};\n`);
  const plan = [
    { key: "parseOnly", step: "parse-only", args: [dir] },
    { key: "coldNoCache", step: "anvil", args: [dir, "--no-cache"], before: clearCache },
    { key: "cold", step: "anvil", args: [dir], before: clearCache },
    { key: "warm", step: "anvil", args: [dir] },
    { key: "edit", step: "anvil", args: [dir], before: edit },
  ];
  const samples = new Map(plan.map(({ key }) => [key, []]));
  const failures = new Map();
  try {
    for (let round = 0; round < runs; round++) {
      log(`round ${round + 1} of ${runs}: parse-only, anvil cold (twice), warm, one edit`);
      for (const { key, step, args, before } of plan) {
        if (failures.has(key)) continue;
        before?.(round);
        const sample = await runStep(step, args);
        if (sample.failed) failures.set(key, sample);
        else samples.get(key).push(sample);
      }
    }
  } finally {
    writeFileSync(editedFile, original);
  }
  const steps = {};
  for (const { key } of plan) steps[key] = failures.get(key) ?? summarize(samples.get(key));
  steps.edit.editedFile = editedFile;
  steps.depcruise = await measureDepcruise(dir, steps.parseOnly.files, {
    depcruise,
    depcruiseTimeoutMs,
    log,
  });
  return steps;
}

async function measureDepcruise(dir, files, { depcruise, depcruiseTimeoutMs, log }) {
  if (!depcruise) return { skipped: "--skip-depcruise" };
  if (files > DEPCRUISE_MAX_FILES) {
    return { skipped: `over ${DEPCRUISE_MAX_FILES} files; it took 333 s at 10,000 already` };
  }
  log(`dependency-cruiser (one run, timeout ${depcruiseTimeoutMs / 1000} s)`);
  const output = join(tmpdir(), `anvil-bench-depcruise-${process.pid}.json`);
  const args = [dir, output, ...depcruiseTarget(dir).args];
  try {
    const result = await measure("depcruise", args, { runs: 1, timeoutMs: depcruiseTimeoutMs });
    if (result.timedOut) return { skipped: `timed out after ${depcruiseTimeoutMs / 1000} s` };
    if (result.failed) return result;
    const summary = JSON.parse(readFileSync(output, "utf8")).summary;
    return { ...result, files: summary.totalCruised };
  } finally {
    rmSync(output, { force: true });
  }
}
