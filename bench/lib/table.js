/** The targets, each checked against one corpus's steps that ran. */
export function checksOf(steps) {
  const { parseOnly, cold, warm, edit } = steps;
  const peak = Math.max(...[cold, steps.coldNoCache, warm, edit].map((s) => s.peakMB ?? 0));
  const checks = [];
  const check = (name, pass, shown) =>
    checks.push({ name, verdict: pass ? "PASS" : "MISS", shown });
  if (measured(cold) && measured(parseOnly)) {
    const vs = ratio(cold, parseOnly);
    check(
      "cold ≤ 1.5x parse-only",
      vs <= 1.5,
      `${vs.toFixed(2)}x (cpu ${cpuRatio(cold, parseOnly)})`,
    );
  }
  if (measured(warm) && measured(cold)) {
    check("warm ≤ 10% of cold", ratio(warm, cold) <= 0.1, percent(ratio(warm, cold)));
  }
  if (measured(edit) && measured(cold)) {
    check("one edit ≤ 15% of cold", ratio(edit, cold) <= 0.15, percent(ratio(edit, cold)));
  }
  if (peak > 0) check("peak memory < 1 GiB", peak < 1024, `${peak} MB`);
  return checks;
}

function measured(step) {
  return step?.medianMs !== undefined;
}

/** One corpus's table: each step's median wall time, peak memory and ratio to parse-only. */
export function formatCorpus(name, steps, checks, runs) {
  const base = steps.parseOnly;
  const rows = [
    ["parse-only (lower bound)", steps.parseOnly],
    ["anvil cold, writing cache", steps.cold],
    ["anvil cold, --no-cache", steps.coldNoCache],
    ["anvil warm", steps.warm],
    ["anvil after one edit", steps.edit],
    ["dependency-cruiser CLI, 1 run", steps.depcruise],
  ];
  const lines = [
    `${name}: ${base.files ?? "?"} files, median of ${runs} runs (wall time incl. node startup;`,
    `  cpu = user+system time of all the process's threads, steadier on a busy machine)`,
    `  ${"step".padEnd(32)}${"wall ms".padStart(9)}${"cpu ms".padStart(9)}${"peak MB".padStart(9)}` +
      `   vs parse-only: wall, cpu`,
  ];
  for (const [label, step] of rows) lines.push(`  ${label.padEnd(32)}${cells(step, base)}`);
  if (steps.depcruise.files !== undefined) {
    const cruised = `${steps.depcruise.files} modules`;
    lines.push(`  (dependency-cruiser cruised ${cruised}; anvil lists ${base.files} source files)`);
  }
  lines.push("  targets:");
  for (const c of checks) lines.push(`    ${c.verdict.padEnd(5)} ${c.name.padEnd(26)} ${c.shown}`);
  lines.push(`  anvil phases, cold:    ${phases(steps.cold)}`);
  lines.push(`  anvil phases, warm:    ${phases(steps.warm)}`);
  lines.push(`  anvil phases, edit:    ${phases(steps.edit)}`);
  return lines.join("\n");
}

function cells(step, base) {
  if (step.skipped) return `skipped (${step.skipped})`;
  if (step.failed) return `failed (${step.failed})`;
  const vs = base.medianMs ? `${ratio(step, base).toFixed(2)}x, ${cpuRatio(step, base)}` : "";
  const figures = [step.medianMs, step.medianCpuMs, step.peakMB].map((n) => String(n).padStart(9));
  return `${figures.join("")}   ${vs}`;
}

/** The analyzer's debug lines ("<message> <ms since start> ms") as time spent per phase. */
function phases(step) {
  if (!step?.phases) return "—";
  let previous = 0;
  const last = step.samples.at(-1);
  // Wall time the process spends outside the analysis: node startup, module loading, exit.
  const parts = [`node+load+exit +${last.wallMs - last.ms}`];
  for (const line of step.phases) {
    const match = /^anvil:\S+ (.*?) (\d+) ms$/.exec(line);
    if (!match) continue;
    const at = Number(match[2]);
    parts.push(`${match[1]} +${at - previous}`);
    previous = at;
  }
  return parts.join(" · ") + " (ms)";
}

function ratio(step, base) {
  return step.medianMs / base.medianMs;
}

function cpuRatio(step, base) {
  return `${(step.medianCpuMs / base.medianCpuMs).toFixed(2)}x`;
}

function percent(value) {
  return `${(value * 100).toFixed(1)}% of cold`;
}
