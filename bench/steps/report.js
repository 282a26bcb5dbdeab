/** Prints a step's own figures as the last stdout line, the contract `measure.js` reads. */
export function report(started, extra = {}) {
  const ms = Math.round(performance.now() - started);
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ ms, maxRssMB, ...extra })}\n`);
}
