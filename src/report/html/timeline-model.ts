import type { PremiseBreak, RunState, RunStatus } from "../../execute/state.js";
import { type RunSummary, summarize } from "../../execute/summary.js";
import type { Plan } from "../../plan/types.js";
import type { RunEvent, TaskStatus } from "../../schedule/types.js";

/** How one attempt ended. `rerun`: it was cut short to run again (a retry or a broken premise). */
export type SegmentOutcome =
  "succeeded" | "failed" | "conflicted" | "interrupted" | "running" | "rerun";

/** One attempt at a task, in ms since the epoch. */
export interface Segment {
  start: number;
  end: number;
  outcome: SegmentOutcome;
}

export interface TimelineTask {
  id: string;
  title: string;
  status: TaskStatus;
  attempts: number;
  segments: Segment[];
  /** When a skipped task was given up on, if known. */
  skippedAt?: number;
  reason?: string;
  changedFiles: string[];
}

/** A run as the timeline draws it. */
export interface RunTimeline {
  runId: string;
  status: RunStatus;
  dryRun: boolean;
  /** Wall time, summed over resumed sessions. */
  wallMs: number;
  /** The sum of the tasks' own times (first start to last finish, as `anvil run` counts). */
  taskMs: number;
  /** The `-j` bound, when known. */
  jobs?: number;
  tasks: TimelineTask[];
  missingEdges: PremiseBreak[];
}

/**
 * From a run's state and its event log (`events.jsonl`): one segment per attempt. Without
 * events (a log lost or cut short), each task gets one segment from first start to finish.
 */
export function timelineFromState(state: RunState, events: readonly RunEvent[]): RunTimeline {
  const titles = titlesOf(state.plan);
  const closedAt = Date.parse(state.finishedAt ?? state.updatedAt);
  const tasks = state.tasks.map((task): TimelineTask => {
    const own = events.filter((event) => event.task === task.id);
    const segments = own.length > 0 ? segmentsOf(own, closedAt, task.status) : [];
    const fallback = fallbackSegment(task.startedAt, task.finishedAt, task.status, closedAt);
    const skipped = own.find((event) => event.type === "skipped");
    return {
      id: task.id,
      title: titles.get(task.id) ?? "",
      status: task.status,
      attempts: task.attempts,
      segments: segments.length > 0 ? segments : fallback,
      ...(skipped && "at" in skipped ? { skippedAt: skipped.at } : {}),
      ...(task.reason && task.status !== "succeeded" ? { reason: task.reason } : {}),
      changedFiles: task.changedFiles,
    };
  });
  return {
    runId: state.runId,
    status: state.status,
    dryRun: state.executor.kind === "dry-run",
    wallMs: state.wallMs,
    taskMs: summarize(state).taskTime * 1000,
    jobs: state.options.jobs,
    tasks,
    missingEdges: state.premiseBreaks,
  };
}

/** From what `anvil run` returns (a dry run keeps no state): one segment per task. */
export function timelineFromSummary(summary: RunSummary, plan: Plan, jobs?: number): RunTimeline {
  const titles = titlesOf(plan);
  const closedAt = Math.max(0, ...summary.tasks.map((t) => Date.parse(t.finishedAt ?? "") || 0));
  return {
    runId: summary.runId,
    status: summary.status,
    dryRun: summary.runId === "dry-run",
    wallMs: summary.wall * 1000,
    taskMs: summary.taskTime * 1000,
    ...(jobs === undefined ? {} : { jobs }),
    tasks: summary.tasks.map((task) => ({
      id: task.id,
      title: titles.get(task.id) ?? "",
      status: task.status,
      attempts: task.attempts,
      segments: fallbackSegment(task.startedAt, task.finishedAt, task.status, closedAt),
      ...(task.reason ? { reason: task.reason } : {}),
      changedFiles: task.changedFiles,
    })),
    missingEdges: summary.missingEdges,
  };
}

/** Reads `events.jsonl`, skipping a last line cut short by a crash. */
export function parseEvents(text: string): RunEvent[] {
  const events: RunEvent[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      events.push(JSON.parse(line) as RunEvent);
    } catch {
      // Half a line, written as the process died: the state file has the rest.
    }
  }
  return events;
}

function segmentsOf(events: readonly RunEvent[], closedAt: number, status: TaskStatus): Segment[] {
  const segments: Segment[] = [];
  let open: number | undefined;
  const close = (end: number, outcome: SegmentOutcome) => {
    if (open === undefined) return;
    segments.push({ start: open, end: Math.max(open, end), outcome });
    open = undefined;
  };
  for (const event of events) {
    if (event.type === "started") {
      close(event.at, "interrupted");
      open = event.at;
    } else if (event.type === "finished") close(event.at, "succeeded");
    else if (event.type === "deferred") close(event.at, "rerun");
    else if (event.type === "failed") close(event.at, event.retrying ? "rerun" : event.status);
  }
  close(closedAt, status === "running" ? "running" : "interrupted");
  return segments;
}

function fallbackSegment(
  startedAt: string | null | undefined,
  finishedAt: string | null | undefined,
  status: TaskStatus,
  closedAt: number,
): Segment[] {
  if (!startedAt) return [];
  const start = Date.parse(startedAt);
  const end = finishedAt ? Date.parse(finishedAt) : Math.max(start, closedAt);
  const outcome: SegmentOutcome =
    status === "succeeded" || status === "failed" || status === "conflicted"
      ? status
      : status === "running"
        ? "running"
        : "interrupted";
  return [{ start, end, outcome }];
}

function titlesOf(plan: Plan): Map<string, string> {
  return new Map(plan.tasks.map((task) => [task.id, task.title]));
}
