import type { Plan } from "../plan/types.js";
import { VirtualClock } from "../schedule/clock.js";
import type { RunEvents } from "../schedule/events.js";
import { schedule, type ScheduleOptions } from "../schedule/scheduler.js";
import { dryRunExecutor } from "./executors/dry-run.js";
import { type RunSummary, type TaskSummary, timing } from "./summary.js";

/**
 * A dry run: the plan scheduled as a real run would be, each task taking its estimate on a
 * simulated clock. No git, no files, no state; it returns at once with the timings.
 */
export async function simulateRun(
  plan: Plan,
  events: RunEvents,
  options: Pick<ScheduleOptions, "jobs" | "failFast" | "signal">,
): Promise<RunSummary> {
  const clock = new VirtualClock();
  const start = clock.now();
  const executor = dryRunExecutor(clock);
  const workspace = { dir: "", runId: "dry-run", taskFile: "", output: () => {} };
  const result = await schedule(
    plan.tasks,
    async (task, attempt) => {
      const outcome = await executor.run(task, workspace, attempt.signal);
      return outcome.ok ? { kind: "succeeded" } : { kind: "failed", reason: outcome.reason };
    },
    events,
    { ...options, clock },
  );
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const tasks = result.tasks.map((t): TaskSummary => ({
    id: t.id,
    status: t.status,
    branch: null,
    startedAt: iso(t.startedAt),
    finishedAt: iso(t.finishedAt),
    changedFiles: [],
    attempts: t.attempts,
  }));
  return {
    runId: "dry-run",
    status: result.status,
    resultBranch: null,
    ...timing(tasks, clock.now() - start),
    tasks,
    missingEdges: [],
    uncommitted: [],
  };
}
