import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { depcruiseTarget, editTarget } from "./corpora.js";
import { measure } from "./measure.js";

/** Above this many files dependency-cruiser is not run: its time grows faster than linearly. */
const DEPCRUISE_MAX_FILES = 20_000;

/**
 * Every measured step of the analyzer benchmark on one corpus, in an order that leaves each
 * step the state it needs: the last cold run writes the cache the warm runs read.
 */
export async function benchCorpus(dir, { runs, depcruise, depcruiseTimeoutMs, log }) {
  const clearCache = () => rmSync(join(dir, ".anvil"), { recursive: true, force: true });
  const steps = {};
  log("parse-only");
  steps.parseOnly = await measure("parse-only", [dir], { runs });
  log("anvil cold without cache");
  steps.coldNoCache = await measure("anvil", [dir, "--no-cache"], { runs, before: clearCache });
  log("anvil cold");
  steps.cold = await measure("anvil", [dir], { runs, before: clearCache });
  log("anvil warm");
  steps.warm = await measure("anvil", [dir], { runs });
  log("anvil after one edit");
  steps.edit = await measureEdit(dir, runs);
  steps.depcruise = await measureDepcruise(dir, steps.parseOnly.files, {
    depcruise,
    depcruiseTimeoutMs,
    log,
  });
  return steps;
}

async function measureEdit(dir, runs) {
  const file = join(dir, editTarget(dir));
  const original = readFileSync(file, "utf8");
  const edit = (i) => writeFileSync(file, `${original}\nexport const benchEdit = ${i};\n`);
  try {
    return { ...(await measure("anvil", [dir], { runs, before: edit })), editedFile: file };
  } finally {
    writeFileSync(file, original);
  }
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
