import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, posix } from "node:path";
import { ANVIL_IDENTITY, git, Mutex, splitZ } from "./git.js";
import type { RepoState } from "./repo.js";

export type MergeResult = { ok: true; commit: string } | { ok: false; files: string[] };

/**
 * The git side of one run: a result branch `anvil/<run-id>` made from the base commit, one
 * branch and worktree per task, and a worktree of the result branch where merges happen, so
 * the user's own checkout is never touched. Changes to the shared repository (worktrees,
 * branches, merges) go one at a time; work inside a task's worktree runs in parallel.
 */
export class Worktrees {
  readonly resultBranch: string;
  readonly root: string;
  private readonly mutex = new Mutex();
  private readonly mergeDir: string;

  constructor(
    readonly repo: RepoState,
    readonly runId: string,
    anvilDir: string,
  ) {
    this.resultBranch = `anvil/${runId}`;
    this.root = join(anvilDir, "worktrees", runId);
    this.mergeDir = join(this.root, ".result");
  }

  // Not `anvil/<run-id>/<task>`: git cannot keep a branch and a folder of branches of one name.
  taskBranch(key: string): string {
    return `anvil/${this.runId}-tasks/${key}`;
  }

  taskDir(key: string): string {
    return join(this.root, key);
  }

  /** Creates the result branch at `base` (kept if it exists) and its merge worktree. */
  async open(base: string): Promise<void> {
    await this.mutex.run(async () => {
      // Worktrees registered by a run that was killed, whose folders are gone.
      await git(this.repo.gitRoot, ["worktree", "prune"]);
      const exists = await this.branchExists(this.resultBranch);
      if (!exists) await git(this.repo.gitRoot, ["branch", this.resultBranch, base]);
      if (existsSync(join(this.mergeDir, ".git"))) {
        // A merge cut short by a crash: its commit never happened, so start it over.
        await git(this.mergeDir, ["merge", "--abort"], { accept: [128] });
        await git(this.mergeDir, ["reset", "-q", "--hard", "HEAD"]);
        return;
      }
      await this.removeDir(this.mergeDir);
      mkdirSync(this.root, { recursive: true });
      await git(this.repo.gitRoot, ["worktree", "add", "-q", this.mergeDir, this.resultBranch]);
    });
  }

  async tip(): Promise<string> {
    return this.mutex.run(() => this.revParse(this.resultBranch));
  }

  /**
   * A fresh worktree for a task on its own branch, made from the result branch as it stands
   * (so it holds everything merged so far). `onBase` runs at the moment the base is taken.
   */
  async addTask(
    key: string,
    onBase: (commit: string) => void,
  ): Promise<{ dir: string; base: string }> {
    return this.mutex.run(async () => {
      const dir = this.taskDir(key);
      await this.removeDir(dir);
      const base = await this.revParse(this.resultBranch);
      onBase(base);
      mkdirSync(this.root, { recursive: true });
      await git(this.repo.gitRoot, [
        "worktree",
        "add",
        "-q",
        "-B",
        this.taskBranch(key),
        dir,
        base,
      ]);
      return { dir, base };
    });
  }

  async removeTask(key: string): Promise<void> {
    await this.mutex.run(() => this.removeDir(this.taskDir(key)));
  }

  /**
   * Commits everything a task left uncommitted in its worktree and returns the worktree's
   * HEAD: the task's work, including any commits the executor made itself.
   */
  async commitAll(dir: string, message: string): Promise<string> {
    await git(dir, ["add", "-A"]);
    const staged = await git(dir, ["diff", "--cached", "--quiet"], { accept: [1] });
    if (staged.code !== 0) {
      await git(dir, ["commit", "-q", "--no-verify", "-m", message], { env: ANVIL_IDENTITY });
    }
    return this.revParse("HEAD", dir);
  }

  /** Files changed between two commits, relative to the plan's directory (`--repo`). */
  async changedFiles(from: string, to: string): Promise<string[]> {
    const diff = await git(this.repo.gitRoot, [
      "diff",
      "--name-only",
      "-z",
      "--no-renames",
      from,
      to,
    ]);
    const prefix = this.repo.prefix;
    return splitZ(diff.stdout).map((path) =>
      path.startsWith(prefix) ? path.slice(prefix.length) : posix.relative(prefix, path),
    );
  }

  /** Merges a task's branch into the result branch; a conflict is undone and reported. */
  async merge(branch: string, message: string): Promise<MergeResult> {
    return this.mutex.run(async () => {
      const merge = await git(
        this.mergeDir,
        ["merge", "-q", "--no-verify", "-m", message, branch],
        {
          accept: [1],
          env: ANVIL_IDENTITY,
        },
      );
      if (merge.code === 0) return { ok: true, commit: await this.revParse("HEAD", this.mergeDir) };
      const conflicts = await git(this.mergeDir, ["diff", "--name-only", "-z", "--diff-filter=U"]);
      await git(this.mergeDir, ["merge", "--abort"], { accept: [128] });
      return { ok: false, files: splitZ(conflicts.stdout) };
    });
  }

  /** Whether `commit` is already part of the result branch (merged before a crash). */
  async isMerged(commit: string): Promise<boolean> {
    const answer = await git(
      this.repo.gitRoot,
      ["merge-base", "--is-ancestor", commit, this.resultBranch],
      {
        accept: [1],
      },
    );
    return answer.code === 0;
  }

  async deleteBranch(branch: string): Promise<void> {
    await this.mutex.run(() =>
      git(this.repo.gitRoot, ["branch", "-q", "-D", branch], { accept: [1] }),
    );
  }

  async branchCommit(branch: string): Promise<string | undefined> {
    const found = await git(
      this.repo.gitRoot,
      ["rev-parse", "-q", "--verify", `refs/heads/${branch}`],
      {
        accept: [1],
      },
    );
    return found.code === 0 ? found.stdout.trim() : undefined;
  }

  /** Removes every worktree of the run (branches stay) and forgets them in git. */
  async close(): Promise<void> {
    await this.mutex.run(async () => {
      await this.removeDir(this.mergeDir);
      rmSync(this.root, { recursive: true, force: true });
      await git(this.repo.gitRoot, ["worktree", "prune"]);
    });
  }

  private async removeDir(dir: string): Promise<void> {
    if (!existsSync(dir)) return;
    const removed = await git(
      this.repo.gitRoot,
      ["worktree", "remove", "--force", "--force", dir],
      {
        accept: [128],
      },
    );
    if (removed.code === 0) return;
    // Not a registered worktree (left by a crash half-made): delete it and forget it in git.
    rmSync(dir, { recursive: true, force: true });
    await git(this.repo.gitRoot, ["worktree", "prune"]);
  }

  private async branchExists(branch: string): Promise<boolean> {
    return (await this.branchCommit(branch)) !== undefined;
  }

  private async revParse(ref: string, cwd = this.repo.gitRoot): Promise<string> {
    return (await git(cwd, ["rev-parse", "--verify", `${ref}^{commit}`])).stdout.trim();
  }
}
