import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { loadRun } from "../../execute/run.js";
import { type RunState, RunStore } from "../../execute/state.js";
import { parseEvents, type RunTimeline, timelineFromState } from "./timeline-model.js";

/**
 * A kept run (`.anvil/runs/<run-id>/`) as the timeline draws it: its state, and its event
 * log when there is one (it holds each attempt, where the state keeps only first and last).
 */
export async function loadRunTimeline(
  repo: string,
  runId: string,
): Promise<{ state: RunState; timeline: RunTimeline }> {
  const state = await loadRun(repo, runId);
  const store = new RunStore(join(realpathSync(repo), ".anvil"), state.runId);
  let text = "";
  try {
    text = readFileSync(join(store.dir, "events.jsonl"), "utf8");
  } catch {
    // No log (a run killed before its first event): the state alone draws the timeline.
  }
  return { state, timeline: timelineFromState(state, parseEvents(text)) };
}
