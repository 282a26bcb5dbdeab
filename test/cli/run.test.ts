import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  gitIn,
  makeRepo,
  planOf,
  readAt,
  removeRepos,
  task,
  writeFile,
  writeOwnFile,
} from "../execute/git-repo.js";
import { anvil } from "../helpers/exec.js";
import { linesOf, planFile, scratchFile, spawnAnvil } from "./run-helpers.js";

afterAll(removeRepos);

interface JsonSummary {
  runId: string;
  status: string;
  resultBranch: string | null;
  wall: number;
  tasks: {
    id: string;
    status: string;
    branch: string | null;
    startedAt: string;
    finishedAt: string;
    changedFiles: string[];
  }[];
}

function parse(stdout: string): JsonSummary {
  return JSON.parse(stdout) as JsonSummary;
}

/** Every task's file on the result branch, and each task's commit there exactly once. */
function expectAllMergedOnce(repo: string, summary: JsonSummary, ids: string[]) {
  const subjects = gitIn(repo, "log", "--format=%s", summary.resultBranch!).split("\n");
  for (const id of ids) {
    expect(readAt(repo, summary.resultBranch!, `out/${id}.txt`)).toBe(`${id}\n`);
    expect(subjects.filter((s) => s === `anvil: task ${id}: task ${id}`)).toHaveLength(1);
  }
}

/** Processes whose working directory is under `dir` (Linux /proc), zombies left out. */
function processesIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (/^\d+ \(.*\) Z/.test(stat)) continue;
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) found.push(pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

function expectUntouched(repo: string, head: string) {
  expect(gitIn(repo, "status", "--porcelain")).toBe("");
  expect(gitIn(repo, "rev-parse", "HEAD")).toBe(head);
  expect(gitIn(repo, "branch", "--show-current")).toBe("main");
}

describe("anvil run", () => {
  it("prints the JSON summary of a run whose tasks overlapped in time", () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const head = gitIn(repo, "rev-parse", "HEAD");
    const plan = planFile(planOf(task("1"), task("2"), task("3:1")));
    const result = anvil(["run", plan, "--exec", writeOwnFile(0.5), "--json"], { cwd: repo });

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = parse(result.stdout);
    expect(summary).toMatchObject({ status: "succeeded", resultBranch: `anvil/${summary.runId}` });
    expect(summary.tasks.map((t) => [t.id, t.status, t.changedFiles])).toEqual([
      ["1", "succeeded", ["out/1.txt"]],
      ["2", "succeeded", ["out/2.txt"]],
      ["3", "succeeded", ["out/3.txt"]],
    ]);
    const [one, two, three] = summary.tasks.map((t) => ({
      start: Date.parse(t.startedAt),
      end: Date.parse(t.finishedAt),
    }));
    expect(one!.start).toBeLessThan(two!.end);
    expect(two!.start).toBeLessThan(one!.end);
    expect(three!.start).toBeGreaterThanOrEqual(one!.end);
    expectAllMergedOnce(repo, summary, ["1", "2", "3"]);
    expectUntouched(repo, head);
  });

  it("exits 1 when a task fails, skipping only its dependents, and says so in plain lines", () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const plan = planFile(planOf(task("1"), task("2:1"), task("3")));
    const command = `[ "$ANVIL_TASK_ID" != 1 ] || exit 4; ${writeOwnFile()}`;
    const result = anvil(["run", plan, "--exec", command], { cwd: repo });

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^\d\d:\d\d:\d\d {2}FAILED {3}1 {2}the command exited with code 4$/m,
    );
    expect(result.stdout).toMatch(/^\d\d:\d\d:\d\d {2}skipped {2}2 {2}task 1 failed$/m);
    expect(result.stdout).toMatch(/^\d\d:\d\d:\d\d {2}done {5}3 {2}/m);
    expect(result.stdout).toMatch(/wall .* · task time .* · parallelism/);
  });

  it("refuses bad input with exit 2 and one line saying what", () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const plan = planFile(planOf(task("1")));
    const noExecutor = anvil(["run", plan], { cwd: repo });
    expect(noExecutor).toMatchObject({ code: 2, stdout: "" });
    expect(noExecutor.stderr).toContain("one of --exec CMD, --agent or --dry-run");

    writeFile(repo, "README.md", "edited\n");
    const dirty = anvil(["run", plan, "--exec", "true"], { cwd: repo });
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain("uncommitted changes");
    expect(dirty.stderr).toContain(" M README.md");
    expect(dirty.stderr).not.toContain("    at ");

    const resume = anvil(["run", "--resume", "nope"], { cwd: repo });
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain("no run state");
  });

  it("simulates a plan's shape with --dry-run, touching nothing", () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const plan = planFile(
      planOf(
        task("1", { estimate: 60 }),
        task("2:1", { estimate: 30 }),
        task("3", { estimate: 600 }),
      ),
    );
    const result = anvil(["run", plan, "--dry-run", "--json"], { cwd: repo });

    expect(result.code).toBe(0);
    const summary = parse(result.stdout);
    expect(summary.wall).toBe(600);
    expect(summary.resultBranch).toBeNull();
    const two = summary.tasks[1]!;
    expect(Date.parse(two.startedAt) - Date.parse(summary.tasks[0]!.startedAt)).toBe(60_000);
    expect(gitIn(repo, "branch", "--list", "anvil/*")).toBe("");
  });

  it("fast-forwards the user's branch with --apply when every task succeeded", () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const plan = planFile(planOf(task("1"), task("2")));
    const result = anvil(["run", plan, "--exec", writeOwnFile(), "--apply"], { cwd: repo });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("applied: main fast-forwarded to anvil/");
    expect(readFileSync(join(repo, "out/1.txt"), "utf8")).toBe("1\n");
    expect(gitIn(repo, "status", "--porcelain")).toBe("");
  });

  it("stops on Ctrl-C with exit 130, and --resume finishes the run without redoing a task", async () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const head = gitIn(repo, "rev-parse", "HEAD");
    const finished = scratchFile("finished");
    const command = `${writeOwnFile(1)}; echo "$ANVIL_TASK_ID" >> "${finished}"`;
    const plan = planFile(planOf(task("1"), task("2:1"), task("3"), task("4:3")));
    const run = spawnAnvil(["run", plan, "--exec", command, "-j", "2"], repo);
    await run.waitFor(/start {4}2/);
    run.signal("SIGINT");
    const stopped = await run.done;

    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toMatch(/Finish it with: anvil run --resume \S+/);
    const runId = /--resume (\S+)/.exec(stopped.stdout)![1]!;
    expectUntouched(repo, head);
    const listed = JSON.parse(anvil(["runs", "--json"], { cwd: repo }).stdout) as {
      runId: string;
      status: string;
    }[];
    expect(listed).toEqual([expect.objectContaining({ runId, status: "interrupted" })]);

    const resumed = anvil(["run", "--resume", runId, "--json"], { cwd: repo });
    expect(resumed.code).toBe(0);
    const summary = parse(resumed.stdout);
    expect(summary.status).toBe("succeeded");
    expectAllMergedOnce(repo, summary, ["1", "2", "3", "4"]);
    expect(linesOf(finished).sort()).toEqual(["1", "2", "3", "4"]);
    expectUntouched(repo, head);
  });

  it("finishes with --resume a run killed with kill -9, each task's change merged once", async () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const head = gitIn(repo, "rev-parse", "HEAD");
    const started = scratchFile("started");
    const finished = scratchFile("finished");
    // The first attempts at 2 and 4 would take 20 s: the kill lands in them, and the resume
    // must end them (they outlive anvil in their own process groups) and run them again.
    const command =
      `if grep -qx "$ANVIL_TASK_ID" "${started}"; then sleep 0.1; ` +
      `else echo "$ANVIL_TASK_ID" >> "${started}"; ` +
      `case "$ANVIL_TASK_ID" in 2|4) sleep 20;; *) sleep 0.5;; esac; fi; ` +
      `${writeOwnFile()}; echo "$ANVIL_TASK_ID" >> "${finished}"`;
    const plan = planFile(planOf(task("1"), task("2:1"), task("3"), task("4:3")));
    const run = spawnAnvil(["run", plan, "--exec", command, "-j", "2"], repo);
    await run.waitFor(/start {4}2/);
    run.signal("SIGKILL");
    await run.done;

    const listed = JSON.parse(anvil(["runs", "--json"], { cwd: repo }).stdout) as {
      runId: string;
      status: string;
      counts: Record<string, number>;
    }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: "interrupted" });
    expect(listed[0]!.counts.succeeded).toBeGreaterThanOrEqual(1);
    const resumed = anvil(["run", "--resume", listed[0]!.runId, "--json"], { cwd: repo });
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    const summary = parse(resumed.stdout);
    expectAllMergedOnce(repo, summary, ["1", "2", "3", "4"]);
    expect(linesOf(finished).sort()).toEqual(["1", "2", "3", "4"]);
    expect(processesIn(join(repo, ".anvil/worktrees"))).toEqual([]);
    expectUntouched(repo, head);
    expect(gitIn(repo, "worktree", "list")).not.toContain(".anvil");
  });

  it("does not run again on --resume a task whose command finished as anvil was killed", async () => {
    const repo = makeRepo({ "README.md": "base\n" });
    const finished = scratchFile("finished");
    const killed = scratchFile("killed");
    // Task 1 does its work, then kills anvil (the nearest ancestor running the bin) before
    // anvil can take note.
    const killAnvil =
      `if [ "$ANVIL_TASK_ID" = 1 ] && [ ! -s "${killed}" ]; then echo yes > "${killed}"; ` +
      `p=$$; while [ "$p" -gt 1 ]; do ` +
      `if tr '\\0' ' ' < /proc/$p/cmdline | grep -q 'bin/anvil[.]js'; then kill -9 "$p"; break; fi; ` +
      `p=$(awk '{print $4}' /proc/$p/stat); done; sleep 0.2; fi`;
    const command = `${writeOwnFile()}; echo "$ANVIL_TASK_ID" >> "${finished}"; ${killAnvil}`;
    const plan = planFile(planOf(task("1"), task("2:1")));
    const first = anvil(["run", plan, "--exec", command], { cwd: repo });
    expect(first.code).toBe(-1);

    const [listed] = JSON.parse(anvil(["runs", "--json"], { cwd: repo }).stdout) as {
      runId: string;
    }[];
    const resumed = anvil(["run", "--resume", listed!.runId, "--json"], { cwd: repo });
    expect(resumed.code).toBe(0);
    expectAllMergedOnce(repo, parse(resumed.stdout), ["1", "2"]);
    expect(linesOf(finished)).toEqual(["1", "2"]);
  });
});
