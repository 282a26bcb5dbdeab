import { VirtualClock } from "../../src/schedule/clock.js";
import { RunEvents } from "../../src/schedule/events.js";
import { schedule, type ScheduleOptions } from "../../src/schedule/scheduler.js";
import type { AttemptOutcome, RunEvent, SchedulableTask } from "../../src/schedule/types.js";

export interface TestTask extends SchedulableTask {
  /** Simulated duration in ms. */
  ms?: number;
}

/** `"b:a,c"` → task b depending on a and c; `"a"` → task a with no dependencies. */
export function plan(...specs: string[]): TestTask[] {
  return specs.map((spec) => {
    const [id, deps] = spec.split(":");
    return { id: id!, depends_on: deps ? deps.split(",") : [], ms: 10 };
  });
}

export interface Trace {
  events: RunEvent[];
  starts: string[];
  maxRunning: number;
  result: Awaited<ReturnType<typeof schedule>>;
}

type Behaviour = (task: TestTask, attempt: number, signal: AbortSignal) => Promise<AttemptOutcome>;

/** Runs a hand-built plan on simulated time; `behave` decides each attempt's outcome. */
export async function runPlan(
  tasks: TestTask[],
  options: Partial<ScheduleOptions> = {},
  behave?: Behaviour,
): Promise<Trace> {
  const clock = options.clock ?? new VirtualClock(0);
  const events = new RunEvents();
  const trace: Omit<Trace, "result"> = { events: [], starts: [], maxRunning: 0 };
  let running = 0;
  events.on((event) => {
    trace.events.push(event);
    if (event.type === "started") {
      trace.starts.push(event.task);
      trace.maxRunning = Math.max(trace.maxRunning, ++running);
    }
    if (event.type === "finished" || event.type === "failed" || event.type === "deferred") {
      running--;
    }
  });
  const runner = async (task: TestTask, context: { attempt: number; signal: AbortSignal }) => {
    if (behave) return behave(task, context.attempt, context.signal);
    await clock.sleep(task.ms ?? 10, context.signal);
    return { kind: "succeeded" as const };
  };
  const result = await schedule(tasks, runner, events, { jobs: 4, clock, ...options });
  return { ...trace, result };
}

export function statusOf(trace: Trace): Record<string, string> {
  return Object.fromEntries(trace.result.tasks.map((t) => [t.id, t.status]));
}
