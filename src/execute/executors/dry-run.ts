import type { Clock } from "../../schedule/clock.js";
import type { Executor } from "../types.js";

/** What a task without an `estimate` is taken to last in a dry run, in seconds. */
export const DEFAULT_ESTIMATE_S = 60;

/**
 * Pretends to do each task, taking its `estimate` (or a minute) on the given clock and
 * touching nothing: for trying a plan's shape before spending anything on it.
 */
export function dryRunExecutor(clock: Clock): Executor {
  return {
    description: { kind: "dry-run" },
    run: async (task, _workspace, signal) => {
      await clock.sleep((task.estimate ?? DEFAULT_ESTIMATE_S) * 1000, signal);
      return { ok: true };
    },
  };
}
