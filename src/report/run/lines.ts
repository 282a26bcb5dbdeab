import type { Style } from "../../cli/io.js";
import type { RunEvent } from "../../schedule/types.js";

export interface EventContext {
  titles: ReadonlyMap<string, string>;
  /** When each task started, from the `started` events seen so far. */
  startedAt: ReadonlyMap<string, number>;
}

/** How a run's events read as one line each: `12:00:04  done     1  3.2 s, 2 files`. */
export function describeEvent(
  event: RunEvent,
  style: Style,
  seen: EventContext,
): string | undefined {
  const startedAt = seen.startedAt;
  switch (event.type) {
    case "started": {
      const again = event.attempt > 1 ? style.dim(` (attempt ${event.attempt})`) : "";
      return line(
        event.at,
        style.cyan("start"),
        event.task,
        `${seen.titles.get(event.task) ?? ""}${again}`,
      );
    }
    case "finished": {
      const took = seconds(event.at - (startedAt.get(event.task) ?? event.at));
      const files = plural(event.changedFiles.length, "file");
      return line(event.at, style.green("done"), event.task, `${took}, ${files}`);
    }
    case "failed": {
      const word = event.retrying ? "retry" : event.status === "failed" ? "FAILED" : event.status;
      const then = event.retrying ? "; trying again" : "";
      return line(event.at, style.red(word), event.task, `${event.reason}${then}`);
    }
    case "skipped":
      return line(event.at, style.yellow("skipped"), event.task, event.reason);
    case "deferred":
      return line(event.at, style.yellow("again"), event.task, event.reason);
    default:
      return undefined;
  }
}

export function clockTime(at: number): string {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
}

export function seconds(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const rest = Math.round((ms % 60_000) / 1000);
  return minutes < 60
    ? `${minutes} min ${rest} s`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function line(at: number, word: string, task: string, detail: string): string {
  // Pad by the visible width: colour codes must not count.
  const visible = word.replace(/\u001b\[\d+m/g, "").length;
  return `${clockTime(at)}  ${word}${" ".repeat(Math.max(1, 9 - visible))}${task}  ${detail}`;
}
