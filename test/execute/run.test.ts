import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { shellExecutor } from "../../src/execute/executors/shell.js";
import { resumeRun, startRun } from "../../src/execute/run.js";
import { RunStore } from "../../src/execute/state.js";
import { analyzeRepo } from "../../src/graph/analyze.js";
import type { Plan } from "../../src/plan/types.js";
import { RunEvents } from "../../src/schedule/events.js";
import type { RunEvent } from "../../src/schedule/types.js";
import {
  gitIn,
  makeRepo,
  planOf,
  readAt,
  removeRepos,
  task,
  writeFile,
  writeOwnFile,
} from "./git-repo.js";

afterAll(removeRepos);

interface Options {
  jobs?: number;
  allowDirty?: boolean;
  timeoutS?: number;
  retries?: number;
  signal?: AbortSignal;
  graph?: boolean;
}

async function run(repo: string, plan: Plan, command: string, options: Options = {}) {
  const events = new RunEvents();
  const seen: RunEvent[] = [];
  events.on((event) => seen.push(event));
  const summary = await startRun({
    repo,
    plan,
    executor: shellExecutor(command, { env: process.env }),
    options: {
      jobs: options.jobs ?? 4,
      failFast: false,
      retries: options.retries ?? 0,
      apply: false,
      allowDirty: options.allowDirty ?? false,
      ...(options.timeoutS === undefined ? {} : { timeoutS: options.timeoutS }),
    },
    ...(options.graph ? { graph: await analyzeRepo(repo, { cache: false }) } : {}),
    events,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { summary, events: seen };
}

function statuses(summary: { tasks: { id: string; status: string }[] }) {
  return Object.fromEntries(summary.tasks.map((t) => [t.id, t.status]));
}

/** Alive and not a zombie (an orphan may wait a while to be reaped in a container). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function expectUntouched(repo: string, head: string) {
  expect(gitIn(repo, "status", "--porcelain")).toBe("");
  expect(gitIn(repo, "rev-parse", "HEAD")).toBe(head);
}

describe("a run in git worktrees", () => {
  it("runs independent tasks at once and merges every result, leaving the checkout alone", async () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const head = gitIn(repo, "rev-parse", "HEAD");
    const { summary } = await run(repo, planOf(task("1"), task("2"), task("3")), writeOwnFile(0.6));

    expect(summary.status).toBe("succeeded");
    const starts = summary.tasks.map((t) => Date.parse(t.startedAt!));
    const finishes = summary.tasks.map((t) => Date.parse(t.finishedAt!));
    expect(Math.max(...starts)).toBeLessThan(Math.min(...finishes));
    for (const id of ["1", "2", "3"]) {
      expect(readAt(repo, summary.resultBranch!, `out/${id}.txt`)).toBe(`${id}\n`);
    }
    expect(summary.tasks[0]?.changedFiles).toEqual(["out/1.txt"]);
    expectUntouched(repo, head);
    expect(gitIn(repo, "worktree", "list")).not.toContain(".anvil");
    expect(gitIn(repo, "branch", "--list", "anvil/*")).toBe(`anvil/${summary.runId}`);
  });

  it("gives a task its dependencies' results and skips only what depends on a failure", async () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const command =
      `if [ "$ANVIL_TASK_ID" = 2 ]; then echo broken >&2; exit 3; fi; ` +
      `ls out > "listing-$ANVIL_TASK_ID.txt" 2>/dev/null; ${writeOwnFile()}`;
    const listing = (id: string) => ({ writes: [`out/${id}.txt`, `listing-${id}.txt`] });
    const plan = planOf(task("1", listing("1")), task("2"), task("3:2"), task("4:1", listing("4")));
    const { summary } = await run(repo, plan, command);

    expect(statuses(summary)).toEqual({
      "1": "succeeded",
      "2": "failed",
      "3": "skipped",
      "4": "succeeded",
    });
    expect(summary.status).toBe("failed");
    expect(summary.tasks[1]?.reason).toBe("the command exited with code 3");
    expect(summary.tasks[2]?.reason).toBe("task 2 failed");
    expect(readAt(repo, summary.resultBranch!, "listing-4.txt")).toBe("1.txt\n");
    const log = readFileSync(join(repo, ".anvil/runs", summary.runId, "tasks/2.log"), "utf8");
    expect(log).toContain("broken");
  });

  it("fails a task that changed files outside its writes, naming them", async () => {
    const repo = makeRepo({ "src/a.ts": "export const a = 1;\n" });
    const command = `${writeOwnFile()}; echo "export const a = 2;" > src/a.ts; touch stray.txt`;
    const { summary } = await run(repo, planOf(task("1")), command);

    expect(summary.tasks[0]).toMatchObject({
      status: "failed",
      reason: "changed files outside its writes: src/a.ts, stray.txt",
    });
    expect(readAt(repo, summary.resultBranch!, "src/a.ts")).toBe("export const a = 1;\n");
    // Nothing is lost: the task's work stays on its branch.
    expect(readAt(repo, summary.tasks[0]!.branch!, "src/a.ts")).toBe("export const a = 2;\n");
  });

  it("checks the commits an executor made itself like the changes it left", async () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const commit = `git add -A && git -c user.name=agent -c user.email=agent@example.com commit -qm own`;
    const command =
      `${writeOwnFile()}; ${commit}; ` +
      `if [ "$ANVIL_TASK_ID" = 2 ]; then echo stray > stray.txt; ${commit}; fi`;
    const { summary } = await run(repo, planOf(task("1"), task("2")), command);

    expect(summary.tasks[0]).toMatchObject({ status: "succeeded", changedFiles: ["out/1.txt"] });
    expect(readAt(repo, summary.resultBranch!, "out/1.txt")).toBe("1\n");
    expect(summary.tasks[1]).toMatchObject({
      status: "failed",
      reason: "changed files outside its writes: stray.txt",
    });
  });

  it("marks a task whose result conflicts as conflicted and keeps its branch", async () => {
    const repo = makeRepo({ "shared.txt": "base\n" });
    const unknown = { writes: undefined };
    const command = `sleep 0.2; echo "from $ANVIL_TASK_ID" > shared.txt`;
    const { summary } = await run(repo, planOf(task("1", unknown), task("2", unknown)), command);

    const conflicted = summary.tasks.find((t) => t.status === "conflicted")!;
    const merged = summary.tasks.find((t) => t.status === "succeeded")!;
    expect(conflicted.reason).toContain("merge conflict in shared.txt");
    expect(conflicted.reason).toContain(`git merge ${conflicted.branch}`);
    expect(readAt(repo, conflicted.branch!, "shared.txt")).toBe(`from ${conflicted.id}\n`);
    expect(readAt(repo, summary.resultBranch!, "shared.txt")).toBe(`from ${merged.id}\n`);
  });

  it("runs a plan for a sub-folder of the repository in that folder of each worktree", async () => {
    const repo = makeRepo({ "pkg/src/a.ts": "export const a = 1;\n", "other/x.txt": "x\n" });
    const plan = planOf(task("1", { writes: ["src/a.ts"] }), task("2", { writes: ["src/b.ts"] }));
    const command =
      `if [ "$ANVIL_TASK_ID" = 1 ]; then echo "export const b = 1;" >> src/a.ts; ` +
      `else echo y >> ../other/x.txt; fi`;
    const { summary } = await run(join(repo, "pkg"), plan, command);

    expect(summary.tasks[0]).toMatchObject({ status: "succeeded", changedFiles: ["src/a.ts"] });
    expect(readAt(repo, summary.resultBranch!, "pkg/src/a.ts")).toContain("const b = 1");
    expect(summary.tasks[1]).toMatchObject({
      status: "failed",
      reason: "changed files outside its writes: ../other/x.txt",
    });
  });

  it("refuses a repository with uncommitted changes unless --allow-dirty", async () => {
    const repo = makeRepo({ "a.txt": "a\n" });
    writeFile(repo, "a.txt", "changed\n");
    writeFile(repo, "new.txt", "new\n");
    const plan = planOf(task("1"));
    const refused = run(repo, plan, writeOwnFile());
    await expect(refused).rejects.toBeInstanceOf(UserError);
    await expect(refused).rejects.toThrow(/uncommitted changes[^]*M a.txt[^]*\?\? new.txt/);

    const { summary } = await run(repo, plan, "cat a.txt > out.txt; " + writeOwnFile(), {
      allowDirty: true,
    });
    expect(summary.uncommitted).toEqual([" M a.txt", "?? new.txt"]);
    expect(readFileSync(join(repo, "a.txt"), "utf8")).toBe("changed\n");
  });

  it("hands the task over in the environment and a JSON file, never in the command line", async () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const prompt = `say "hi" $(touch pwned) \`touch pwned\`; touch pwned`;
    const command =
      `mkdir -p out; printf '%s' "$ANVIL_TASK_PROMPT" > out/prompt.txt; ` +
      `cp "$ANVIL_TASK_FILE" out/task.json; echo "$ANVIL_RUN_ID $ANVIL_TASK_TITLE" > out/env.txt`;
    const writes = ["out/prompt.txt", "out/task.json", "out/env.txt"];
    const { summary } = await run(repo, planOf(task("1", { prompt, writes })), command);

    const ref = summary.resultBranch!;
    expect(readAt(repo, ref, "out/prompt.txt")).toBe(prompt);
    expect(JSON.parse(readAt(repo, ref, "out/task.json")!)).toMatchObject({ id: "1", prompt });
    expect(readAt(repo, ref, "out/env.txt")).toBe(`${summary.runId} task 1\n`);
    expect(summary.tasks[0]?.changedFiles.sort()).toEqual([...writes].sort());
  });

  it("ends the whole process group of a task that runs past its timeout", async () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const pidFile = join(mkdtempSync(join(tmpdir(), "anvil-pid-")), "pid");
    const command = `sh -c 'echo $$ > "${pidFile}"; exec sleep 30' & wait`;
    const { summary } = await run(repo, planOf(task("1")), command, { timeoutS: 0.5 });

    expect(summary.tasks[0]).toMatchObject({ status: "failed", reason: "timed out after 0.5 s" });
    const pid = Number(readFileSync(pidFile, "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isRunning(pid)).toBe(false);
  });

  it("runs a task again after a task it ran beside when its new import reaches that task's file", async () => {
    const repo = makeRepo({
      "src/a.ts": "export const a = 1;\n",
      "src/b.ts": "export const b = 2;\n",
      "tsconfig.json": "{}\n",
    });
    const plan = planOf(task("A", { writes: ["src/a.ts"] }), task("B", { writes: ["src/b.ts"] }));
    // A takes longer, so B finishes first, from a base without A's change.
    const command =
      `if [ "$ANVIL_TASK_ID" = A ]; then sleep 0.8; echo "export const a = 10;" >> src/a.ts; ` +
      `else printf 'import { a } from "./a.js";\\nexport const b = a;\\n' > src/b.ts; fi`;
    const { summary, events } = await run(repo, plan, command, { graph: true });

    expect(statuses(summary)).toEqual({ A: "succeeded", B: "succeeded" });
    expect(summary.tasks[1]?.attempts).toBe(2);
    expect(summary.missingEdges).toEqual([
      expect.objectContaining({ task: "B", after: "A", file: "src/b.ts", line: 1 }),
    ]);
    const deferred = events.find((e) => e.type === "deferred");
    expect(deferred).toMatchObject({ task: "B", after: ["A"] });
    const startB = events.filter((e) => e.type === "started" && e.task === "B").at(-1);
    const finishA = events.find((e) => e.type === "finished" && e.task === "A");
    expect((startB as { at: number }).at).toBeGreaterThanOrEqual((finishA as { at: number }).at);
    expect(readAt(repo, summary.resultBranch!, "src/a.ts")).toContain("a = 10");
  });

  it("finishes an interrupted run on resume, every task's change merged exactly once", async () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const head = gitIn(repo, "rev-parse", "HEAD");
    const counter = join(mkdtempSync(join(tmpdir(), "anvil-count-")), "count");
    writeFileSync(counter, "");
    const command = `echo "$ANVIL_TASK_ID" >> "${counter}"; ${writeOwnFile(0.4)}; echo done`;
    const plan = planOf(task("1"), task("2:1"), task("3:2"), task("4"));
    const controller = new AbortController();
    const first = new RunEvents();
    first.on((event) => {
      if (event.type === "finished" && event.task === "1") controller.abort();
    });
    const interrupted = await startRun({
      repo,
      plan,
      executor: shellExecutor(command, { env: process.env }),
      options: { jobs: 2, failFast: false, retries: 0, apply: false, allowDirty: false },
      events: first,
      signal: controller.signal,
    });
    expect(interrupted.status).toBe("interrupted");
    expect(statuses(interrupted)).toMatchObject({ "1": "succeeded", "3": "waiting" });

    const resumed = await resumeRun({
      repo,
      runId: interrupted.runId,
      executor: shellExecutor(command, { env: process.env }),
      events: new RunEvents(),
    });
    expect(resumed.status).toBe("succeeded");
    const log = gitIn(repo, "log", "--format=%s", resumed.resultBranch!);
    for (const id of ["1", "2", "3", "4"]) {
      expect(readAt(repo, resumed.resultBranch!, `out/${id}.txt`)).toBe(`${id}\n`);
      expect(log.split("\n").filter((s) => s === `anvil: task ${id}: task ${id}`)).toHaveLength(1);
    }
    const runs = readFileSync(counter, "utf8").trim().split("\n");
    expect(runs.filter((id) => id === "1")).toHaveLength(1);
    expectUntouched(repo, head);
    const state = new RunStore(join(repo, ".anvil"), resumed.runId).load();
    expect(state.status).toBe("succeeded");
    expect(existsSync(join(repo, ".anvil/worktrees", resumed.runId))).toBe(false);
  });
});
