import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const STEPS_DIR = fileURLToPath(new URL("../steps/", import.meta.url));

/**
 * Runs `node bench/steps/<step>.js ...args` in a fresh process `runs` times. Wall time is taken
 * by this process around the whole child (node startup and module loading included, alike for
 * every contender); CPU time and peak memory are the child's own, printed as its last stdout
 * line. `before(i)` runs ahead of each run, outside the timing. A failed or timed-out run ends
 * the step.
 */
export async function measure(step, args, { runs = 1, before, timeoutMs } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    await before?.(i);
    const sample = await runStep(step, args, { timeoutMs });
    if (sample.failed || sample.timedOut) return sample;
    samples.push(sample);
  }
  return summarize(samples);
}

/** One run of a step: `{ wallMs, ms, cpuMs, maxRssMB, ... }`, or `failed` / `timedOut`. */
export function runStep(step, args, { timeoutMs } = {}) {
  return runOnce(`${STEPS_DIR}${step}.js`, args, timeoutMs);
}

/** Medians of wall and CPU time, the highest peak memory, and the last run's extra figures. */
export function summarize(samples) {
  const last = samples.at(-1);
  return {
    medianMs: median(samples.map((s) => s.wallMs)),
    medianCpuMs: median(samples.map((s) => s.cpuMs)),
    peakMB: Math.max(...samples.map((s) => s.maxRssMB)),
    files: last.files,
    phases: last.phases,
    samples: samples.map(({ wallMs, ms, cpuMs, maxRssMB }) => ({ wallMs, ms, cpuMs, maxRssMB })),
  };
}

function runOnce(script, args, timeoutMs) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = timeoutMs ? setTimeout(() => child.kill("SIGKILL"), timeoutMs) : undefined;
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const wallMs = Math.round(performance.now() - started);
      if (signal === "SIGKILL" && timeoutMs && wallMs >= timeoutMs) {
        return resolve({ timedOut: true, wallMs });
      }
      const figures = lastJsonLine(stdout);
      if (code !== 0 || !figures) {
        return resolve({
          failed: `exit ${code ?? signal}: ${firstError(stderr)}`,
          wallMs,
          stderr: stderr.slice(-2000),
        });
      }
      resolve({ wallMs, ...figures });
    });
  });
}

function firstError(stderr) {
  const lines = stderr.trim().split("\n");
  return lines.find((line) => /error/i.test(line)) ?? lines[0] ?? "";
}

function lastJsonLine(text) {
  const line = text.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}
