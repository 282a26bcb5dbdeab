import { describe, expect, it } from "vitest";
import { styleFor } from "../../src/cli/io.js";
import { liveProgress, plainProgress } from "../../src/report/run/progress.js";
import type { RunEvent } from "../../src/schedule/types.js";

const style = styleFor({ isTTY: false, env: {}, cwd: "", stdout: () => {}, stderr: () => {} });
const titles = new Map([
  ["1", "Add the type"],
  ["2", "Use it in the handler"],
  ["3", "Write the tests"],
]);
const at = new Date(2030, 0, 1, 9, 5, 7).getTime();
const events: RunEvent[] = [
  { type: "started", task: "1", attempt: 1, at },
  { type: "started", task: "2", attempt: 1, at },
  { type: "finished", task: "1", attempt: 1, at: at + 2500, changedFiles: ["src/a.ts"] },
  {
    type: "failed",
    task: "2",
    attempt: 1,
    at: at + 3000,
    status: "failed",
    reason: "the command exited with code 1",
    retrying: false,
  },
  { type: "skipped", task: "3", at: at + 3000, reason: "task 2 failed" },
];

describe("the run's progress views", () => {
  it("print one timestamped line per event that matters, off a terminal", () => {
    let out = "";
    const view = plainProgress((text) => (out += text), style, titles);
    for (const event of events) view.listener(event);
    expect(out).toBe(
      [
        "09:05:07  start    1  Add the type",
        "09:05:07  start    2  Use it in the handler",
        "09:05:09  done     1  2.5 s, 1 file",
        "09:05:10  FAILED   2  the command exited with code 1",
        "09:05:10  skipped  3  task 2 failed",
        "",
      ].join("\n"),
    );
  });

  it("redraw a block of running tasks and counts in place, on a terminal", async () => {
    let out = "";
    const view = liveProgress((text) => (out += text), style, { titles, jobs: 2 });
    view.listener(events[0]!);
    view.listener(events[1]!);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(out).toMatch(/▸ 1 {2}Add the type {2}0\.\d s\n/);
    expect(out).toContain(
      "0 done · 0 failed · 0 skipped · 1 waiting · 2 running (up to 2 at once)",
    );

    out = "";
    for (const event of events.slice(2)) view.listener(event);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The old block (2 tasks + counts) is erased before the lines that scroll by.
    expect(out.startsWith("\u001b[3F\u001b[J09:05:09  done     1  2.5 s, 1 file\n")).toBe(true);
    expect(out).toContain("1 done · 1 failed · 1 skipped · 0 waiting · 0 running");
    view.close();
    expect(out.endsWith("\u001b[1F\u001b[J")).toBe(true);
  });
});
