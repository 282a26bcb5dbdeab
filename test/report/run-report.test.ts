import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/execute/summary.js";
import { makeRepo, planOf, removeRepos, task } from "../execute/git-repo.js";
import { anvil } from "../helpers/exec.js";
import {
  launchBrowser,
  openReport,
  type OpenedReport,
  OUTPUT,
  panelAfterClick,
} from "./browser.js";

let browser: Browser;
const temp = mkdtempSync(join(tmpdir(), "anvil-run-report-"));

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  removeRepos();
  rmSync(temp, { recursive: true, force: true });
});

/**
 * Five tasks: a then b; c fails once and succeeds on its retry; d always fails, so e, which
 * depends on it, is skipped. a, c and d start together.
 */
function setUp(): { repo: string; plan: string; command: string; marks: string } {
  const repo = makeRepo({ "README.md": "base\n" });
  const plan = join(temp, "plan.json");
  const tasks = [task("a"), task("b:a"), task("c"), task("d"), task("e:d")];
  tasks[0]!.title = "Write a <b>bold</b> file";
  writeFileSync(plan, JSON.stringify(planOf(...tasks)));
  const marks = join(temp, "marks");
  mkdirSync(marks, { recursive: true });
  const script = join(temp, "task.sh");
  writeFileSync(
    script,
    [
      'case "$ANVIL_TASK_ID" in',
      "  d) sleep 0.2; exit 3 ;;",
      '  c) if [ ! -e "$MARKS/c" ]; then touch "$MARKS/c"; sleep 0.2; exit 1; fi ;;',
      "esac",
      "sleep 0.6",
      'mkdir -p out; printf "%s\\n" "$ANVIL_TASK_ID" > "out/$ANVIL_TASK_ID.txt"',
    ].join("\n"),
  );
  return { repo, plan, command: `sh ${script}`, marks };
}

async function bars(page: Page): Promise<Map<string, { status: string; outcomes: string[] }>> {
  const found = await page.locator(".timeline .bar").evaluateAll((elements) =>
    elements.map((bar) => ({
      task: bar.getAttribute("data-task")!,
      status: bar.getAttribute("data-status")!,
      outcomes: [...bar.querySelectorAll(".segment")].map((s) => s.getAttribute("data-outcome")!),
    })),
  );
  return new Map(found.map((bar) => [bar.task, { status: bar.status, outcomes: bar.outcomes }]));
}

function expectQuiet(opened: OpenedReport): void {
  expect(opened.errors).toEqual([]);
  expect(opened.requests).toEqual([opened.url]);
}

describe("run report in a browser", () => {
  it("draws one bar per task by status, reruns, how many ran at once; by run id too", async () => {
    const { repo, plan, command, marks } = setUp();
    const file = join(OUTPUT, "run.html");
    const ran = anvil(
      [
        "run",
        plan,
        "--repo",
        repo,
        "--exec",
        command,
        "-j",
        "3",
        "--retries",
        "1",
        "--json",
      ].concat(["--report", file]),
      { env: { MARKS: marks } },
    );
    expect(ran.code, ran.stderr).toBe(1);
    const summary = JSON.parse(ran.stdout) as RunSummary;
    const status = new Map(summary.tasks.map((t) => [t.id, t.status]));
    expect([...status.values()].sort()).toEqual(
      ["failed", "skipped", "succeeded", "succeeded", "succeeded"].sort(),
    );

    const opened = await openReport(browser, file);
    const { page } = opened;
    const drawn = await bars(page);
    expect(new Map([...drawn].map(([id, bar]) => [id, bar.status]))).toEqual(status);
    expect(drawn.get("c")!.outcomes).toEqual(["rerun", "succeeded"]);
    expect(drawn.get("d")!.outcomes).toEqual(["rerun", "failed"]);
    expect(drawn.get("e")!.outcomes).toEqual(["skipped"]);
    // a, c and d were started together with -j 3: at least two ran at once.
    expect(Number(await page.locator(".strip").getAttribute("data-peak"))).toBeGreaterThanOrEqual(
      2,
    );
    const parallelism = await page.locator('[data-figure="parallelism"] b').innerText();
    expect(Math.abs(parseFloat(parallelism) - summary.parallelism)).toBeLessThan(0.05);
    expect(await page.locator("#view-after .node").count()).toBe(summary.tasks.length);

    const panel = await panelAfterClick(page, '.bar[data-task="a"] .segment');
    expect(panel).toContain("Write a <b>bold</b> file");
    expect(panel).toContain("succeeded");
    await page.locator("section.run").screenshot({ path: join(OUTPUT, "run-timeline.png") });
    expectQuiet(opened);
    await page.close();

    const again = join(OUTPUT, "run-by-id.html");
    const made = anvil(["report", summary.runId, "--repo", repo, "--out", again]);
    expect(made.code, made.stderr).toBe(0);
    const byId = await openReport(browser, again);
    expect(await bars(byId.page)).toEqual(drawn);
    expectQuiet(byId);
    await byId.page.close();
  });

  it("draws a dry run from the tasks' estimates", async () => {
    const { repo, plan } = setUp();
    const file = join(OUTPUT, "run-dry.html");
    const ran = anvil(["run", plan, "--repo", repo, "--dry-run", "--json", "--report", file]);
    expect(ran.code, ran.stderr).toBe(0);
    const summary = JSON.parse(ran.stdout) as RunSummary;
    const opened = await openReport(browser, file);
    const drawn = await bars(opened.page);
    expect([...drawn.keys()].sort()).toEqual(summary.tasks.map((t) => t.id).sort());
    for (const bar of drawn.values())
      expect(bar).toEqual({ status: "succeeded", outcomes: ["succeeded"] });
    expectQuiet(opened);
    await opened.page.close();
  });
});
