/** Time as the scheduler sees it: real for runs, simulated for dry runs and tests. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
      function done() {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }
      function onAbort() {
        clearTimeout(timer);
        reject(signal?.reason);
      }
    }),
};

interface Sleeper {
  until: number;
  resolve: () => void;
}

/**
 * Simulated time: `sleep` returns once every other piece of work has settled, with the clock
 * moved forward to the earliest wake-up. A dry run of hours of tasks takes milliseconds, and
 * its timestamps are those the real run would have had if each task took its estimate.
 */
export class VirtualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];
  private ticking = false;

  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper: Sleeper = { until: this.current + Math.max(0, ms), resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal.reason);
      });
      this.scheduleTick();
    });
  }

  // setImmediate runs after pending promise callbacks, so every task started in reaction to
  // the last wake-up has gone to sleep before the clock moves again.
  private scheduleTick(): void {
    if (this.ticking) return;
    this.ticking = true;
    setImmediate(() => {
      this.ticking = false;
      if (this.sleepers.length === 0) return;
      const next = Math.min(...this.sleepers.map((s) => s.until));
      const due = this.sleepers.filter((s) => s.until === next);
      this.sleepers = this.sleepers.filter((s) => s.until !== next);
      this.current = Math.max(this.current, next);
      for (const sleeper of due) sleeper.resolve();
      if (this.sleepers.length > 0) this.scheduleTick();
    });
  }
}
