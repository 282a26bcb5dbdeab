import { existsSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { UserError } from "../errors.js";
import { toRepoPath } from "../graph/files.js";
import { git, splitZ } from "./git.js";

/** The user's repository as a run starts from it. */
export interface RepoState {
  /** The directory the plan's paths are relative to (`--repo`). */
  dir: string;
  /** The git work tree's top level; equal to `dir` unless `--repo` is a sub-folder. */
  gitRoot: string;
  /** `dir` relative to `gitRoot`, with a trailing slash, or "" at the top level. */
  prefix: string;
  head: string;
  /** `refs/heads/<name>` of the checked-out branch, or null on a detached HEAD. */
  branch: string | null;
}

export async function inspectRepo(dir: string): Promise<RepoState> {
  if (!existsSync(dir)) throw new UserError(`--repo ${dir}: no such directory`);
  const top = await git(dir, ["rev-parse", "--show-toplevel"], { accept: [128] });
  if (top.code !== 0)
    throw new UserError(`${dir} is not inside a git repository (git init it first)`);
  const gitRoot = realpathSync(top.stdout.trim());
  const head = await git(dir, ["rev-parse", "--verify", "-q", "HEAD^{commit}"], { accept: [1] });
  if (head.code !== 0) {
    throw new UserError(
      `the repository at ${gitRoot} has no commit yet: commit a base to run from`,
    );
  }
  const branch = await git(dir, ["symbolic-ref", "-q", "HEAD"], { accept: [1] });
  const rel = toRepoPath(relative(gitRoot, realpathSync(dir)));
  return {
    dir: realpathSync(dir),
    gitRoot,
    prefix: rel === "" ? "" : `${rel}/`,
    head: head.stdout.trim(),
    branch: branch.code === 0 ? branch.stdout.trim() : null,
  };
}

/** Creates `.anvil/` with a `.gitignore` of `*`, so nothing anvil keeps shows up in git. */
export function ensureAnvilDir(dir: string): string {
  const anvilDir = join(dir, ".anvil");
  mkdirSync(anvilDir, { recursive: true });
  const ignore = join(anvilDir, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "*\n");
  return anvilDir;
}

/** Uncommitted changes and untracked files, as `git status` lists them (`XY path`). */
export async function uncommittedChanges(gitRoot: string): Promise<string[]> {
  const status = await git(gitRoot, ["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  const entries = splitZ(status.stdout);
  const changes: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    changes.push(entry);
    // A rename or copy is followed by its source path as a separate entry.
    if (entry[0] === "R" || entry[0] === "C") i++;
  }
  return changes;
}
