import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { realClock, VirtualClock } from "../../src/schedule/clock.js";
import type { AttemptOutcome } from "../../src/schedule/types.js";
import { plan, runPlan, statusOf, type TestTask } from "./helpers.js";

const clock = () => new VirtualClock(0);

describe("schedule", () => {
  it("starts a task only after everything it depends on has succeeded", async () => {
    const trace = await runPlan(plan("a", "b:a", "c:a", "d:b,c"));
    const at = (type: string, task: string) =>
      trace.events.find((e) => e.type === type && "task" in e && e.task === task) as { at: number };
    expect(at("started", "b").at).toBeGreaterThanOrEqual(at("finished", "a").at);
    expect(at("started", "d").at).toBeGreaterThanOrEqual(at("finished", "b").at);
    expect(at("started", "d").at).toBeGreaterThanOrEqual(at("finished", "c").at);
    expect(trace.result.status).toBe("succeeded");
  });

  it("runs independent tasks at once, never more than -j", async () => {
    const tasks = plan("a", "b", "c", "d", "e", "f");
    expect((await runPlan(tasks, { jobs: 3 })).maxRunning).toBe(3);
    expect((await runPlan(tasks, { jobs: 1 })).maxRunning).toBe(1);
    expect((await runPlan(tasks, { jobs: 10 })).maxRunning).toBe(6);
  });

  it("starts the task with the longest remaining chain first, ties in plan order", async () => {
    const tasks = plan("a", "b", "c:b", "d:c", "e");
    expect((await runPlan(tasks, { jobs: 1 })).starts).toEqual(["b", "c", "a", "d", "e"]);
    expect((await runPlan(tasks, { jobs: 1, order: "fifo" })).starts).toEqual([
      "a",
      "b",
      "e",
      "c",
      "d",
    ]);
  });

  it("finishes sooner with longest-chain-first when -j is below the width", async () => {
    // Four short tasks listed before a chain of three: plan order starts the chain last.
    const tasks = plan("s1", "s2", "s3", "s4", "c1", "c2:c1", "c3:c2");
    const wall = async (order: "fifo" | "longest-chain") => {
      const trace = await runPlan(tasks, { jobs: 2, order, clock: clock() });
      return Math.max(...trace.events.map((e) => ("at" in e ? e.at : 0)));
    };
    expect(await wall("longest-chain")).toBeLessThan(await wall("fifo"));
  });

  it("skips only what depends on a failed task; independent tasks go on", async () => {
    const trace = await runPlan(plan("a", "b:a", "c:b", "d", "e:d"), {}, async (task) =>
      task.id === "a" ? { kind: "failed", reason: "boom" } : { kind: "succeeded" },
    );
    expect(statusOf(trace)).toEqual({
      a: "failed",
      b: "skipped",
      c: "skipped",
      d: "succeeded",
      e: "succeeded",
    });
    expect(trace.result.status).toBe("failed");
    expect(trace.result.tasks.find((t) => t.id === "c")?.reason).toBe(
      "task b was skipped (task a failed)",
    );
    expect(trace.result.tasks.find((t) => t.id === "b")?.reason).toBe("task a failed");
  });

  it("starts nothing new after a failure with fail-fast", async () => {
    const trace = await runPlan(
      plan("a", "b", "c", "d"),
      { jobs: 1, failFast: true },
      async (task) =>
        task.id === "a" ? { kind: "failed", reason: "boom" } : { kind: "succeeded" },
    );
    expect(trace.starts).toEqual(["a"]);
    expect(statusOf(trace)).toMatchObject({ b: "skipped", c: "skipped", d: "skipped" });
    expect(trace.result.tasks[1]?.reason).toContain("--fail-fast");
  });

  it("retries a failed task up to --retries times", async () => {
    const flaky = (failures: number) => async (_: TestTask, attempt: number) =>
      (attempt <= failures
        ? { kind: "failed", reason: `attempt ${attempt}` }
        : { kind: "succeeded" }) as AttemptOutcome;
    const twice = await runPlan(plan("a", "b:a"), { retries: 2 }, flaky(2));
    expect(statusOf(twice)).toEqual({ a: "succeeded", b: "succeeded" });
    expect(twice.result.tasks[0]?.attempts).toBe(3);
    const once = await runPlan(plan("a", "b:a"), { retries: 1 }, flaky(2));
    expect(statusOf(once)).toEqual({ a: "failed", b: "skipped" });
    expect(once.result.tasks[0]?.reason).toBe("attempt 2");
  });

  it("aborts an attempt that runs past the timeout, and retries it", async () => {
    const seen: number[] = [];
    const trace = await runPlan(
      plan("slow"),
      { timeoutMs: 30, retries: 1, clock: realClock },
      async (_task, attempt, signal) => {
        seen.push(attempt);
        await realClock.sleep(10_000, signal).catch(() => {});
        return { kind: "failed", reason: signal.aborted ? "aborted" : "finished" };
      },
    );
    expect(seen).toEqual([1, 2]);
    expect(trace.result.tasks[0]).toMatchObject({
      status: "failed",
      reason: "timed out after 0.03 s",
    });
  });

  it("stops starting tasks on abort and reports the running ones as interrupted", async () => {
    const controller = new AbortController();
    const trace = await runPlan(
      plan("a", "b", "c:a"),
      { jobs: 2, signal: controller.signal, clock: realClock },
      async (task, _attempt, signal) => {
        if (task.id === "a") return { kind: "succeeded" };
        setTimeout(() => controller.abort(), 20);
        await realClock.sleep(10_000, signal).catch(() => {});
        return { kind: "failed", reason: "killed" };
      },
    );
    expect(trace.result.status).toBe("interrupted");
    expect(statusOf(trace)).toMatchObject({ a: "succeeded", b: "interrupted" });
    // c became ready when a succeeded, but b's abort came first or c is still running
    expect(["interrupted", "waiting"]).toContain(statusOf(trace).c);
  });

  it("does not run again what an earlier run settled", async () => {
    const previous = new Map([
      ["a", "succeeded"],
      ["b", "interrupted"],
      ["x", "failed"],
      ["y", "skipped"],
    ] as const);
    const trace = await runPlan(plan("a", "b:a", "c:b", "x", "y:x"), { previous });
    expect(trace.starts).toEqual(["b", "c"]);
    expect(statusOf(trace)).toEqual({
      a: "succeeded",
      b: "succeeded",
      c: "succeeded",
      x: "failed",
      y: "skipped",
    });
  });

  it("runs a task again after the task whose result it turned out to need", async () => {
    const done = new Set<string>();
    const c = clock();
    const trace = await runPlan(plan("a", "b"), { clock: c }, async (task) => {
      await c.sleep(task.id === "a" ? 50 : 10);
      if (task.id === "b" && !done.has("a")) {
        return { kind: "wait", after: ["a"], reason: "b imports a" };
      }
      done.add(task.id);
      return { kind: "succeeded" };
    });
    expect(trace.starts).toEqual(["a", "b", "b"]);
    expect(statusOf(trace)).toEqual({ a: "succeeded", b: "succeeded" });
    expect(trace.events.filter((e) => e.type === "deferred")).toHaveLength(1);
    expect(trace.result.tasks[1]?.waitsFor).toEqual(["a"]);
  });

  it("fails a task that would wait for a task already waiting for it", async () => {
    const trace = await runPlan(plan("a", "b"), {}, async (task) => ({
      kind: "wait",
      after: [task.id === "a" ? "b" : "a"],
      reason: "imports the other",
    }));
    expect(Object.values(statusOf(trace)).sort()).toEqual(["failed", "skipped"]);
  });

  it("rejects a plan whose dependencies form a cycle", async () => {
    await expect(runPlan(plan("a:b", "b:a"))).rejects.toThrow(/cycle through tasks a, b/);
  });

  it("keeps every order and the -j bound on random plans", async () => {
    const randomPlan = fc
      .array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 1, maxLength: 25 })
      .map((deps) =>
        deps.map((ds, i) => ({
          id: `t${i}`,
          depends_on: i === 0 ? [] : [...new Set(ds.map((d) => `t${d % i}`))],
          ms: 5 + (i % 7),
        })),
      );
    await fc.assert(
      fc.asyncProperty(randomPlan, fc.integer({ min: 1, max: 5 }), async (tasks, jobs) => {
        const trace = await runPlan(tasks, { jobs });
        const finished = new Map<string, number>();
        for (const event of trace.events) {
          if (event.type === "finished") finished.set(event.task, event.at);
          if (event.type !== "started") continue;
          const task = tasks.find((t) => t.id === event.task)!;
          for (const dep of task.depends_on)
            expect(finished.get(dep)).toBeLessThanOrEqual(event.at);
        }
        expect(trace.maxRunning).toBeLessThanOrEqual(jobs);
        expect(trace.result.status).toBe("succeeded");
      }),
      { numRuns: 60 },
    );
  });
});
