import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanVerdict } from "../../src/validate/types.js";
import { anvil, FIXTURES } from "../helpers/exec.js";
import {
  launchBrowser,
  openReport,
  type OpenedReport,
  OUTPUT,
  panelAfterClick,
} from "./browser.js";

let browser: Browser;
const temp = mkdtempSync(join(tmpdir(), "anvil-report-"));

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** The report and, to check it against, the verdict `anvil lint --format json` gives. */
function report(plan: string, repo: string, out: string): { file: string; verdict: PlanVerdict } {
  const file = join(OUTPUT, out);
  const made = anvil(["report", plan, "--repo", repo, "--out", file]);
  expect(made.stderr).toBe("");
  expect(made.code).toBe(0);
  const lint = anvil(["lint", plan, "--repo", repo, "--format", "json"]);
  expect(lint.code, lint.stderr).toBeLessThanOrEqual(1);
  return { file, verdict: JSON.parse(lint.stdout) as PlanVerdict };
}

async function attributes(page: Page, selector: string, names: string[]): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll(
      (elements, keys) =>
        elements.map((e) => keys.map((k) => e.getAttribute(k) ?? "-").join(" ")).sort(),
      names,
    );
}

const edgeKey = (e: { task: string; dependsOn: string; verdict: string }) =>
  `${e.task} ${e.dependsOn} ${e.verdict}`;

function expectQuiet(opened: OpenedReport): void {
  expect(opened.errors).toEqual([]);
  expect(opened.dialogs).toEqual([]);
  expect(opened.requests).toEqual([opened.url]);
}

describe("plan report in a browser", () => {
  it("draws the four-task example: tasks, edges by verdict, critical paths, evidence", async () => {
    const { file, verdict } = report(
      `${FIXTURES}/examples/chained/plan.json`,
      `${FIXTURES}/examples/chained/repo`,
      "plan-chained.html",
    );
    const opened = await openReport(browser, file);
    const { page } = opened;
    const ids = verdict.plan.tasks.map((t) => t.id).sort();
    const m = verdict.metrics;

    for (const view of ["before", "after"] as const) {
      expect(await attributes(page, `#view-${view} .node`, ["data-task"])).toEqual(ids);
      const drawn = await attributes(page, `#view-${view} .edge`, [
        "data-task",
        "data-depends-on",
        "data-verdict",
      ]);
      const hidden = view === "before" ? "added" : "pruned";
      expect(drawn).toEqual(
        verdict.edges
          .filter((e) => e.verdict !== hidden)
          .map(edgeKey)
          .sort(),
      );
      const length = view === "before" ? m.criticalPathBefore : m.criticalPathAfter;
      expect(await page.locator(`#view-${view} .node[data-critical="true"]`).count()).toBe(length);
      expect(await page.locator(`#view-${view} .edge[data-critical="true"]`).count()).toBe(
        length - 1,
      );
    }
    const figure = await page.locator('[data-figure="critical-path"]').innerText();
    expect(figure).toContain(`${m.criticalPathBefore} → ${m.criticalPathAfter}`);
    expect(await page.locator('[data-figure="width"]').innerText()).toContain(
      `${m.widthBefore} → ${m.widthAfter}`,
    );

    const pruned = verdict.edges.find((e) => e.verdict === "pruned")!;
    const text = await panelAfterClick(
      page,
      `#view-before .edge[data-verdict="pruned"] .edge-handle`,
    );
    expect(text).toContain(pruned.detail);
    expect(text).toContain("pruned");

    const task = verdict.plan.tasks[0]!;
    const taskText = await panelAfterClick(page, `#view-after .node >> nth=0`);
    for (const path of task.writes ?? []) expect(taskText).toContain(path);

    await page.screenshot({ path: join(OUTPUT, "plan-chained.png"), fullPage: true });
    await page.locator('label[for="show-after"]').click();
    expect(await page.locator("#view-before").isVisible()).toBe(false);
    expect(await page.locator("#view-after").isVisible()).toBe(true);
    expectQuiet(opened);
    await page.close();
  });

  it("shows an import chain file:line per hop when a kept edge is clicked", async () => {
    const { file, verdict } = report(
      `${FIXTURES}/examples/demo/plan.json`,
      `${FIXTURES}/examples/demo/repo`,
      "plan-demo.html",
    );
    const opened = await openReport(browser, file);
    const chained = verdict.edges.find((e) => e.chain && e.chain.length > 1);
    expect(chained, "the demo has an edge kept by a chain of imports").toBeDefined();
    const index = verdict.edges.indexOf(chained!);
    const text = await panelAfterClick(
      opened.page,
      `#view-after .edge[data-detail="edge-${index}"] .edge-handle`,
    );
    for (const hop of chained!.chain!) expect(text).toContain(`${hop.from}:${hop.line}`);
    await opened.page.screenshot({ path: join(OUTPUT, "plan-demo.png"), fullPage: true });
    expectQuiet(opened);
    await opened.page.close();
  });

  it("shows hostile titles, ids and paths as text, never as markup", async () => {
    const repo = join(temp, "repo");
    cpSync(`${FIXTURES}/examples/chained/repo`, repo, { recursive: true });
    const plan = JSON.parse(readFileSync(`${FIXTURES}/examples/chained/plan.json`, "utf8")) as {
      goal: string;
      tasks: { id: string; title: string; writes: string[]; depends_on: string[] }[];
    };
    const hostile = {
      title: "<img src=x onerror=alert(1)>",
      id: `"><script>alert(2)</script>`,
      path: "src/<svg onload=alert(3)>.ts",
      goal: "</style><script>alert(4)</script>",
    };
    plan.goal = hostile.goal;
    plan.tasks[0]!.title = hostile.title;
    plan.tasks[1]!.writes.push(hostile.path);
    plan.tasks[2]!.id = hostile.id;
    plan.tasks[3]!.depends_on = [hostile.id];
    writeFileSync(join(temp, "plan.json"), JSON.stringify(plan));
    const { file } = report(join(temp, "plan.json"), repo, "plan-hostile.html");

    const opened = await openReport(browser, file);
    const { page } = opened;
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("svg svg, foreignObject").count()).toBe(0);
    expect(await page.locator("header").innerText()).toContain(hostile.goal);
    const first = await panelAfterClick(page, "#view-after .node >> nth=0");
    expect(first).toContain(hostile.title);
    expect(await panelAfterClick(page, "#view-after .node >> nth=1")).toContain(hostile.path);
    const ids = await attributes(page, "#view-after .node", ["data-task"]);
    expect(ids).toContain(hostile.id);
    expectQuiet(opened);
    await page.close();
  });
});
