import { messageOf } from "../errors.js";
import { type Clock, realClock } from "./clock.js";
import type { RunEvents } from "./events.js";
import { ReadyQueue } from "./ready-queue.js";
import { dependentsOf, remainingChains } from "./shape.js";
import {
  type AttemptOutcome,
  SETTLED,
  type SchedulableTask,
  type TaskRunner,
  type TaskStatus,
} from "./types.js";

/** Tasks at once when `-j` is not given: agent tasks are slow and costly, not CPU-bound. */
export const DEFAULT_JOBS = 4;

export interface ScheduleOptions {
  /** Tasks at once, at least 1. */
  jobs: number;
  /** Start no task after the first failure. */
  failFast?: boolean;
  /** Per attempt; the attempt's signal is aborted when it runs out. */
  timeoutMs?: number;
  /** Further attempts after a failed one. */
  retries?: number;
  /** Aborting stops starting tasks and aborts every running attempt. */
  signal?: AbortSignal;
  /**
   * Which ready task starts first: the one with the longest remaining chain (default), or
   * the one that became ready first (`fifo`, for comparison). Ties go by plan order.
   */
  order?: "longest-chain" | "fifo";
  clock?: Clock;
  /** Statuses from an earlier run of the same plan; settled ones are not run again. */
  previous?: ReadonlyMap<string, TaskStatus>;
}

export interface TaskRecord {
  id: string;
  status: TaskStatus;
  attempts: number;
  startedAt?: number;
  finishedAt?: number;
  reason?: string;
  /** Tasks this one waits for beyond its declared dependencies (a broken premise). */
  waitsFor: string[];
}

export interface ScheduleResult {
  status: "succeeded" | "failed" | "interrupted";
  tasks: TaskRecord[];
}

/**
 * Runs tasks as their dependencies allow, up to `jobs` at once, by calling `runner` for each
 * attempt. Resolves when nothing more can start and nothing runs; never rejects for a task's
 * failure (that is a status), only when a listener of `events` threw.
 */
export function schedule<T extends SchedulableTask>(
  tasks: readonly T[],
  runner: TaskRunner<T>,
  events: RunEvents,
  options: ScheduleOptions,
): Promise<ScheduleResult> {
  return new Scheduler(tasks, runner, events, options).run();
}

class Scheduler<T extends SchedulableTask> {
  private readonly byId: Map<string, T>;
  private readonly index: Map<string, number>;
  private readonly priority: Map<string, number>;
  private readonly dependents: Map<string, string[]>;
  private readonly records = new Map<string, TaskRecord>();
  /** Task id → the dependencies it still waits for; ready once empty. */
  private readonly unmet = new Map<string, Set<string>>();
  private readonly ready = new ReadyQueue();
  private readonly clock: Clock;
  private running = 0;
  /** Counts tasks made ready, for first-come-first-served order. */
  private arrivals = 0;
  private finished = false;
  /** Why no more tasks start, once that is so. */
  private stopped: "fail-fast" | "interrupted" | undefined;
  private resolve: (result: ScheduleResult) => void = () => {};
  private reject: (error: unknown) => void = () => {};

  constructor(
    private readonly tasks: readonly T[],
    private readonly runner: TaskRunner<T>,
    private readonly events: RunEvents,
    private readonly options: ScheduleOptions,
  ) {
    this.byId = new Map(tasks.map((task) => [task.id, task]));
    this.index = new Map(tasks.map((task, i) => [task.id, i]));
    this.priority = options.order === "fifo" ? new Map() : remainingChains(tasks);
    this.dependents = dependentsOf(tasks);
    this.clock = options.clock ?? realClock;
  }

  run(): Promise<ScheduleResult> {
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      const signal = this.options.signal;
      if (signal?.aborted) this.stopped = "interrupted";
      signal?.addEventListener("abort", () => this.interrupt(), { once: true });
      this.prepare();
      this.pump();
    });
  }

  private prepare(): void {
    for (const task of this.tasks) {
      const status = this.options.previous?.get(task.id);
      const settled = status !== undefined && SETTLED.has(status);
      const record = { id: task.id, status: settled ? status : "waiting", attempts: 0 };
      this.records.set(task.id, { ...record, waitsFor: [] });
    }
    const waiting = this.tasks.filter((task) => this.status(task.id) === "waiting");
    for (const task of waiting) {
      const deps = task.depends_on.filter((dep) => this.byId.has(dep));
      this.unmet.set(task.id, new Set(deps.filter((dep) => this.status(dep) !== "succeeded")));
    }
    // A dependency that failed in an earlier run still stops its dependents.
    for (const task of waiting) {
      const blocked = task.depends_on.find((dep) => this.isBlocking(dep));
      if (blocked && this.status(task.id) === "waiting") this.skipFrom(blocked);
    }
    for (const task of waiting) {
      if (this.status(task.id) === "waiting" && this.unmet.get(task.id)!.size === 0) {
        this.enqueue(task.id);
      }
    }
  }

  private pump(): void {
    while (!this.stopped && this.running < Math.max(1, this.options.jobs) && this.ready.size > 0) {
      const id = this.ready.pop()!;
      if (this.status(id) === "waiting") this.start(this.byId.get(id)!);
    }
    if (this.running === 0 && (this.stopped || this.ready.size === 0)) this.finish();
  }

  private start(task: T): void {
    const record = this.records.get(task.id)!;
    record.status = "running";
    record.attempts++;
    record.startedAt = this.clock.now();
    delete record.reason;
    this.running++;
    const attempt = record.attempts;
    this.events.emit({ type: "started", task: task.id, attempt, at: this.clock.now() });

    const controller = new AbortController();
    const signals = [controller.signal, ...(this.options.signal ? [this.options.signal] : [])];
    const timeoutMs = this.options.timeoutMs;
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            controller.abort(new Error(`timed out after ${timeoutMs / 1000} s`));
          }, timeoutMs);
    const context = {
      attempt,
      signal: AbortSignal.any(signals),
      emit: this.events.emit.bind(this.events),
    };
    let outcome: Promise<AttemptOutcome>;
    try {
      outcome = this.runner(task, context);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome
      .catch((error: unknown): AttemptOutcome => ({ kind: "failed", reason: messageOf(error) }))
      .then((result) => {
        clearTimeout(timer);
        this.running--;
        if (timedOut && result.kind === "failed") {
          result = { kind: "failed", reason: `timed out after ${timeoutMs! / 1000} s` };
        }
        this.settle(task, attempt, result);
        this.pump();
      })
      .catch((error: unknown) => this.reject(error));
  }

  private settle(task: T, attempt: number, outcome: AttemptOutcome): void {
    const record = this.records.get(task.id)!;
    const at = this.clock.now();
    if (outcome.kind === "succeeded") {
      record.status = "succeeded";
      record.finishedAt = at;
      const changedFiles = outcome.changedFiles ?? [];
      this.events.emit({ type: "finished", task: task.id, attempt, at, changedFiles });
      return this.release(task.id);
    }
    if (this.options.signal?.aborted) {
      record.status = "interrupted";
      record.reason = "interrupted";
      return this.emitFailure(record, attempt, false);
    }
    if (outcome.kind === "wait") return this.defer(task, attempt, outcome.after, outcome.reason);
    const retrying =
      outcome.kind === "failed" && !this.stopped && attempt <= (this.options.retries ?? 0);
    record.status = outcome.kind;
    record.reason = outcome.reason;
    this.emitFailure(record, attempt, retrying);
    if (retrying) {
      record.status = "waiting";
      return this.enqueue(task.id, false);
    }
    record.finishedAt = at;
    this.skipFrom(task.id);
    if (this.options.failFast) this.stopForFailFast(task.id);
  }

  /** The attempt found it needs the result of tasks it ran beside: run it again after them. */
  private defer(task: T, attempt: number, after: string[], reason: string): void {
    const record = this.records.get(task.id)!;
    const cycle = after.find((other) => this.waitsOn(other, task.id));
    if (cycle) {
      record.status = "failed";
      record.finishedAt = this.clock.now();
      record.reason = `${reason}; but task ${cycle} needs this task's result too, so neither can go first`;
      this.emitFailure(record, attempt, false);
      this.skipFrom(task.id);
      return;
    }
    record.status = "waiting";
    record.waitsFor.push(...after.filter((id) => !record.waitsFor.includes(id)));
    this.events.emit({ type: "deferred", task: task.id, after, reason, at: this.clock.now() });
    const blocked = after.find((id) => this.isBlocking(id));
    if (blocked) return this.skipFrom(blocked, [task.id]);
    const unmet = new Set(after.filter((id) => this.status(id) !== "succeeded"));
    for (const id of unmet) this.dependents.get(id)!.push(task.id);
    this.unmet.set(task.id, unmet);
    if (unmet.size === 0) this.enqueue(task.id, false);
  }

  private emitFailure(record: TaskRecord, attempt: number, retrying: boolean): void {
    const status = record.status as "failed" | "conflicted" | "interrupted";
    const { id: task, reason = "" } = record;
    const at = this.clock.now();
    this.events.emit({ type: "failed", task, attempt, at, status, reason, retrying });
  }

  private release(id: string): void {
    for (const next of this.dependents.get(id) ?? []) {
      const unmet = this.unmet.get(next);
      if (!unmet?.delete(id) || unmet.size > 0 || this.status(next) !== "waiting") continue;
      this.enqueue(next);
    }
  }

  private enqueue(id: string, announce = true): void {
    const tieBreak = this.options.order === "fifo" ? this.arrivals++ : this.index.get(id)!;
    this.ready.push(id, this.priority.get(id) ?? 0, tieBreak);
    if (announce) this.events.emit({ type: "queued", task: id, at: this.clock.now() });
  }

  /** Marks everything that (transitively) waits for `id` as skipped. */
  private skipFrom(id: string, direct = this.dependents.get(id) ?? []): void {
    const cause = `task ${id} ${this.status(id)}`;
    const queue = direct.map((next) => ({ next, reason: cause }));
    for (let i = 0; i < queue.length; i++) {
      const { next, reason } = queue[i]!;
      const record = this.records.get(next)!;
      if (record.status !== "waiting") continue;
      record.status = "skipped";
      record.reason = reason;
      this.events.emit({ type: "skipped", task: next, at: this.clock.now(), reason });
      const because = `task ${next} was skipped (${cause})`;
      queue.push(...(this.dependents.get(next) ?? []).map((n) => ({ next: n, reason: because })));
    }
  }

  private stopForFailFast(id: string): void {
    if (this.stopped) return;
    this.stopped = "fail-fast";
    for (const record of this.records.values()) {
      if (record.status !== "waiting") continue;
      record.status = "skipped";
      record.reason = `not started: --fail-fast after task ${id} failed`;
      this.events.emit({
        type: "skipped",
        task: record.id,
        at: this.clock.now(),
        reason: record.reason,
      });
    }
  }

  private interrupt(): void {
    this.stopped ??= "interrupted";
    this.pump();
  }

  /** Whether `from` waits, through dependencies old and new, for `target`. */
  private waitsOn(from: string, target: string): boolean {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === target) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(
        ...(this.byId.get(id)?.depends_on ?? []),
        ...(this.records.get(id)?.waitsFor ?? []),
      );
    }
    return false;
  }

  private isBlocking(id: string): boolean {
    const status = this.status(id);
    return status === "failed" || status === "skipped" || status === "conflicted";
  }

  private status(id: string): TaskStatus | undefined {
    return this.records.get(id)?.status;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const tasks = this.tasks.map((task) => this.records.get(task.id)!);
    const status =
      this.stopped === "interrupted"
        ? "interrupted"
        : tasks.every((t) => t.status === "succeeded")
          ? "succeeded"
          : "failed";
    if (this.events.error) this.reject(this.events.error);
    else this.resolve({ status, tasks });
  }
}
