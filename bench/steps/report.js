/** Prints a step's own figures as the last stdout line, the contract `measure.js` reads. */
export function report(started, extra = {}) {
  const ms = Math.round(performance.now() - started);
  const usage = process.resourceUsage();
  // CPU time of every thread of the process: steadier than wall time on a busy machine.
  const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  const maxRssMB = Math.round(usage.maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssMB, ...extra })}\n`);
}
