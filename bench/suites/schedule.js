// The scheduler and the worktrees: how close a run gets to the critical-path bound, what
// longest-chain-first buys over first-come-first-served when -j is below the plan's width,
// the scheduler's own cost per task, and what a worktree and a merge cost per task on a
// 1,000-file repository. `--quick`: fewer worktree tasks.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { RunEvents } from "../../dist/schedule/events.js";
import { schedule } from "../../dist/schedule/scheduler.js";
import { criticalPath, planWidth } from "../../dist/schedule/shape.js";
import { realClock } from "../../dist/schedule/clock.js";
import { inspectRepo } from "../../dist/execute/repo.js";
import { Worktrees } from "../../dist/execute/worktrees.js";

const { values: flags } = parseArgs({
  options: { quick: { type: "boolean", default: false } },
  strict: false,
});
const quick = Boolean(flags.quick);
const rows = [];

// 1. 200 tasks of 50 ms, width 8, -j 8: wall time against the critical-path bound.
{
  const tasks = layeredPlan(25, 8, 7);
  const bound = criticalPath(tasks) * 50;
  const wall = await timedRun(tasks, 8, "longest-chain", 50);
  const over = wall / bound - 1;
  rows.push([
    "200 tasks × 50 ms, width 8, -j 8",
    `${ms(wall)} wall, bound ${ms(bound)} (critical path ${criticalPath(tasks)})`,
    `${pct(over)} over bound (target ≤ 10%: ${over <= 0.1 ? "met" : "MISSED"})`,
  ]);
}

// 2. -j below the width, on a plan where order matters: a 20-task chain listed after 60
// independent tasks. First-come-first-served starts the chain last.
{
  const tasks = [
    ...Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, depends_on: [] })),
    ...Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, depends_on: i ? [`c${i - 1}`] : [] })),
  ];
  const bound = Math.max(criticalPath(tasks), Math.ceil(tasks.length / 4)) * 50;
  const longest = await timedRun(tasks, 4, "longest-chain", 50);
  const fifo = await timedRun(tasks, 4, "fifo", 50);
  rows.push([
    "80 tasks × 50 ms, width 61, -j 4",
    `longest-chain-first ${ms(longest)}, first-come-first-served ${ms(fifo)}`,
    `bound ${ms(bound)}; FCFS takes ${(fifo / longest).toFixed(2)}× as long`,
  ]);
}

// 3. Scheduling overhead per task: 10,000 no-op tasks in-process, -j 8, median of 3.
{
  const tasks = randomPlan(10_000, 3, 42);
  const times = [];
  for (let i = 0; i < 3; i++) times.push(await timedRun(tasks, 8, "longest-chain", 0));
  const perTask = median(times) / tasks.length;
  rows.push([
    "10,000 no-op tasks, -j 8",
    `${ms(median(times))} in all (width ≥ ${planWidth(tasks)}, critical path ${criticalPath(tasks)})`,
    `${perTask.toFixed(3)} ms per task (target < 1 ms: ${perTask < 1 ? "met" : "MISSED"})`,
  ]);
}

// 4. Worktree set-up, commit and merge per task on a 1,000-file repository.
{
  const count = quick ? 8 : 24;
  const dir = makeRepo(1000);
  try {
    const repo = await inspectRepo(dir);
    const worktrees = new Worktrees(repo, "bench", join(dir, ".anvil"));
    await worktrees.open(repo.head);
    const phases = { add: [], commit: [], merge: [], remove: [] };
    for (let i = 0; i < count; i++) {
      const key = `t${i}`;
      let started = performance.now();
      const { dir: taskDir } = await worktrees.addTask(key, () => {});
      phases.add.push(performance.now() - started);
      writeFileSync(join(taskDir, `src/out-${i}.ts`), `export const out${i} = ${i};\n`);
      started = performance.now();
      await worktrees.commitAll(taskDir, `task ${i}`);
      phases.commit.push(performance.now() - started);
      started = performance.now();
      await worktrees.removeTask(key);
      phases.remove.push(performance.now() - started);
      started = performance.now();
      const merged = await worktrees.merge(worktrees.taskBranch(key), `merge ${i}`);
      phases.merge.push(performance.now() - started);
      if (!merged.ok) throw new Error(`merge of ${key} conflicted`);
    }
    await worktrees.close();
    const each = Object.entries(phases).map(([name, t]) => `${name} ${ms(median(t))}`);
    const total = Object.values(phases).reduce((sum, t) => sum + median(t), 0);
    rows.push([
      `git, 1,000-file repo, ${count} tasks`,
      `per task (median): ${each.join(", ")}`,
      `${ms(total)} per task in all`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

printTable(rows);

/** Runs the plan in-process with tasks that sleep `taskMs` (0: resolve at once). */
async function timedRun(tasks, jobs, order, taskMs) {
  const events = new RunEvents();
  let seen = 0;
  events.on(() => seen++);
  const runner =
    taskMs > 0
      ? async (_task, context) => {
          await realClock.sleep(taskMs, context.signal);
          return { kind: "succeeded" };
        }
      : async () => ({ kind: "succeeded" });
  const started = performance.now();
  const result = await schedule(tasks, runner, events, { jobs, order });
  const wall = performance.now() - started;
  if (result.status !== "succeeded" || seen === 0) throw new Error("the benchmark run failed");
  return wall;
}

/** `layers` rows of `width` tasks, each depending on one or two tasks of the row before. */
function layeredPlan(layers, width, seed) {
  const random = lcg(seed);
  const tasks = [];
  for (let layer = 0; layer < layers; layer++) {
    for (let i = 0; i < width; i++) {
      const deps = new Set();
      if (layer > 0) {
        deps.add(`l${layer - 1}t${i}`);
        if (random() < 0.5) deps.add(`l${layer - 1}t${Math.floor(random() * width)}`);
      }
      tasks.push({ id: `l${layer}t${i}`, depends_on: [...deps] });
    }
  }
  return tasks;
}

/** `count` tasks, each depending on up to `maxDeps` earlier ones, nearby more often. */
function randomPlan(count, maxDeps, seed) {
  const random = lcg(seed);
  return Array.from({ length: count }, (_, i) => {
    const deps = new Set();
    const n = i === 0 ? 0 : Math.floor(random() * (maxDeps + 1));
    for (let k = 0; k < n; k++) deps.add(`t${Math.max(0, i - 1 - Math.floor(random() * 50))}`);
    return { id: `t${i}`, depends_on: [...deps] };
  });
}

function makeRepo(files) {
  const dir = mkdtempSync(join(tmpdir(), "anvil-bench-worktrees-"));
  mkdirSync(join(dir, "src"));
  for (let i = 0; i < files; i++) {
    const body = i > 0 ? `import { f${i - 1} } from "./f${i - 1}.js";\n` : "";
    writeFileSync(join(dir, `src/f${i}.ts`), `${body}export const f${i} = ${i};\n`);
  }
  const git = (...args) =>
    execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.com", ...args], {
      cwd: dir,
    });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  return dir;
}

function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function ms(value) {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

function pct(value) {
  return `${(value * 100).toFixed(1)}%`;
}

function printTable(table) {
  const widths = [0, 1].map((c) => Math.max(...table.map((row) => row[c].length)));
  console.log("schedule: scheduler and worktrees");
  for (const [what, measured, verdict] of table) {
    console.log(`  ${what.padEnd(widths[0])}  ${measured.padEnd(widths[1])}  ${verdict}`);
  }
}
