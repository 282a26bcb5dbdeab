import type { Style } from "../../cli/io.js";
import type { RunEvent, RunEventListener } from "../../schedule/types.js";
import { describeEvent, seconds } from "./lines.js";

export interface ProgressView {
  listener: RunEventListener;
  /** Clears the live part of the view; call once the run is over. */
  close(): void;
}

/** Plain lines, one per event that matters, each with its time: for CI logs and pipes. */
export function plainProgress(
  write: (text: string) => void,
  style: Style,
  titles: ReadonlyMap<string, string>,
): ProgressView {
  const startedAt = new Map<string, number>();
  return {
    listener: (event) => {
      if (event.type === "started") startedAt.set(event.task, event.at);
      const text = describeEvent(event, style, { titles, startedAt });
      if (text) write(text + "\n");
    },
    close: () => {},
  };
}

const REDRAW_MS = 100;
const TICK_MS = 500;

/**
 * The terminal view: finished, failed and skipped tasks scroll by as plain lines, and below
 * them a block, redrawn in place, with each running task and its elapsed time and the counts
 * of the run. Redraws are throttled; a timer keeps elapsed times moving between events.
 */
export function liveProgress(
  write: (text: string) => void,
  style: Style,
  shape: { titles: ReadonlyMap<string, string>; jobs: number },
): ProgressView {
  const titles = shape.titles;
  const startedAt = new Map<string, number>();
  const running = new Map<string, number>();
  const counts = { done: 0, failed: 0, skipped: 0 };
  let drawn = 0;
  let lastDraw = 0;
  let pending: NodeJS.Timeout | undefined;

  const erase = () => {
    if (drawn > 0) write(`\u001b[${drawn}F\u001b[J`);
    drawn = 0;
  };
  const draw = () => {
    pending = undefined;
    lastDraw = Date.now();
    erase();
    const lines = [...running].map(
      ([id, since]) =>
        `  ${style.cyan("▸")} ${id}  ${truncate(titles.get(id) ?? "", 50)}  ` +
        style.dim(seconds(Date.now() - since)),
    );
    const waiting = titles.size - counts.done - counts.failed - counts.skipped - running.size;
    lines.push(
      style.dim(
        `  ${counts.done} done · ${counts.failed} failed · ${counts.skipped} skipped · ` +
          `${waiting} waiting · ${running.size} running (up to ${shape.jobs} at once)`,
      ),
    );
    write(lines.join("\n") + "\n");
    drawn = lines.length;
  };
  const redraw = () => {
    if (pending) return;
    pending = setTimeout(draw, Math.max(0, REDRAW_MS - (Date.now() - lastDraw)));
  };
  const ticker = setInterval(redraw, TICK_MS);
  ticker.unref();

  return {
    listener: (event: RunEvent) => {
      count(event, running, counts);
      if (event.type === "started") startedAt.set(event.task, event.at);
      const text = describeEvent(event, style, { titles, startedAt });
      if (text && event.type !== "started") {
        erase();
        write(text + "\n");
      }
      redraw();
    },
    close: () => {
      clearInterval(ticker);
      clearTimeout(pending);
      erase();
    },
  };
}

function count(
  event: RunEvent,
  running: Map<string, number>,
  counts: { done: number; failed: number; skipped: number },
): void {
  switch (event.type) {
    case "started":
      running.set(event.task, Date.now());
      return;
    case "finished":
      running.delete(event.task);
      counts.done++;
      return;
    case "deferred":
      running.delete(event.task);
      return;
    case "failed":
      running.delete(event.task);
      if (!event.retrying && event.status !== "interrupted") counts.failed++;
      return;
    case "skipped":
      counts.skipped++;
      return;
  }
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
