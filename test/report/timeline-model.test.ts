import { describe, expect, it } from "vitest";
import type { RunState, TaskState } from "../../src/execute/state.js";
import { parseEvents, timelineFromState } from "../../src/report/html/timeline-model.js";
import { concurrencyOf } from "../../src/report/html/timeline-svg.js";
import type { RunEvent } from "../../src/schedule/types.js";

const T0 = Date.parse("2025-01-01T00:00:00.000Z");
const at = (s: number) => T0 + s * 1000;
const iso = (s: number) => new Date(at(s)).toISOString();

function taskState(id: string, extra: Partial<TaskState>): TaskState {
  return {
    id,
    key: id,
    status: "waiting",
    branch: null,
    attempts: 0,
    changedFiles: [],
    waitsFor: [],
    ...extra,
  };
}

function runState(tasks: TaskState[], extra: Partial<RunState> = {}): RunState {
  return {
    version: 1,
    runId: "r1",
    createdAt: iso(0),
    updatedAt: iso(10),
    status: "interrupted",
    pid: 0,
    repo: "/nowhere",
    baseCommit: "0".repeat(40),
    baseBranch: null,
    resultBranch: "anvil/r1",
    executor: { kind: "shell", command: "true" },
    options: { jobs: 2, failFast: false, retries: 1, apply: false },
    uncommitted: [],
    plan: {
      version: 1,
      tasks: tasks.map((t) => ({
        id: t.id,
        title: `task ${t.id}`,
        reads: [],
        uses: [],
        depends_on: [],
      })),
    },
    premiseBreaks: [],
    tasks,
    finishedAt: iso(9),
    wallMs: 9000,
    ...extra,
  };
}

describe("timeline from a run's state and events", () => {
  it("splits a task deferred by a broken premise and one cut off by an interruption", () => {
    const state = runState([
      taskState("a", { status: "succeeded", attempts: 2, startedAt: iso(0), finishedAt: iso(6) }),
      taskState("b", { status: "interrupted", attempts: 1, startedAt: iso(1) }),
    ]);
    const events: RunEvent[] = [
      { type: "started", task: "a", attempt: 1, at: at(0) },
      { type: "started", task: "b", attempt: 1, at: at(1) },
      { type: "deferred", task: "a", after: ["b"], reason: "premise", at: at(2) },
      { type: "started", task: "a", attempt: 2, at: at(4) },
      { type: "finished", task: "a", attempt: 2, at: at(6), changedFiles: [] },
    ];
    const text = events.map((e) => JSON.stringify(e)).join("\n") + '\n{"type":"sta';
    const timeline = timelineFromState(state, parseEvents(text));
    const [a, b] = timeline.tasks;
    expect(a!.segments).toEqual([
      { start: at(0), end: at(2), outcome: "rerun" },
      { start: at(4), end: at(6), outcome: "succeeded" },
    ]);
    expect(b!.segments).toEqual([{ start: at(1), end: at(9), outcome: "interrupted" }]);
    expect(timeline.jobs).toBe(2);
    expect(concurrencyOf(timeline.tasks)).toEqual([
      { at: at(0), running: 1 },
      { at: at(1), running: 2 },
      { at: at(2), running: 1 },
      { at: at(4), running: 2 },
      { at: at(6), running: 1 },
      { at: at(9), running: 0 },
    ]);
  });

  it("falls back to first start and finish when the event log is missing", () => {
    const state = runState([
      taskState("a", { status: "failed", attempts: 1, startedAt: iso(0), finishedAt: iso(3) }),
      taskState("b", { status: "skipped", reason: "task a failed" }),
    ]);
    const timeline = timelineFromState(state, []);
    expect(timeline.tasks[0]!.segments).toEqual([{ start: at(0), end: at(3), outcome: "failed" }]);
    expect(timeline.tasks[1]).toMatchObject({
      status: "skipped",
      segments: [],
      reason: "task a failed",
    });
    expect(timeline.taskMs).toBe(3000);
  });

  it("counts an end and a start at the same moment as a hand-over", () => {
    const state = runState([
      taskState("a", { status: "succeeded", startedAt: iso(0), finishedAt: iso(2) }),
      taskState("b", { status: "succeeded", startedAt: iso(2), finishedAt: iso(4) }),
    ]);
    const steps = concurrencyOf(timelineFromState(state, []).tasks);
    expect(Math.max(...steps.map((s) => s.running))).toBe(1);
  });
});
