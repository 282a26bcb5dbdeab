import { join, resolve } from "node:path";
import type { Command } from "commander";
import { effectiveStatus, listRuns, type RunState } from "../../execute/state.js";
import { type Io, styleFor } from "../io.js";

interface RunsOptions {
  repo: string;
  json?: boolean;
}

export function registerRuns(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("runs")
    .description("list the runs kept in .anvil/runs/, newest first")
    .option("-r, --repo <dir>", "the repository", ".")
    .option("--json", "print [{ runId, createdAt, status, resultBranch, tasks, counts }] as JSON")
    .action((options: RunsOptions) => {
      const runs = listRuns(join(resolve(io.cwd, options.repo), ".anvil")).map(describeRun);
      if (options.json) io.stdout(JSON.stringify(runs, null, 2) + "\n");
      else io.stdout(formatRuns(runs, io));
      setCode(0);
    });
}

interface RunListing {
  runId: string;
  createdAt: string;
  status: string;
  resultBranch: string;
  executor: string;
  tasks: number;
  counts: Record<string, number>;
}

function describeRun(state: RunState): RunListing {
  const counts: Record<string, number> = {};
  for (const task of state.tasks) counts[task.status] = (counts[task.status] ?? 0) + 1;
  const executor = state.executor;
  return {
    runId: state.runId,
    createdAt: state.createdAt,
    status: effectiveStatus(state),
    resultBranch: state.resultBranch,
    executor: executor.kind === "shell" ? `--exec ${executor.command}` : `--${executor.kind}`,
    tasks: state.tasks.length,
    counts,
  };
}

function formatRuns(runs: RunListing[], io: Io): string {
  if (runs.length === 0) return "no runs yet (anvil run PLAN --exec CMD starts one)\n";
  const style = styleFor(io);
  const lines = runs.map((run) => {
    const date = run.createdAt.replace("T", " ").slice(0, 19);
    const counts = Object.entries(run.counts)
      .map(([status, n]) => `${n} ${status}`)
      .join(", ");
    const colour =
      run.status === "succeeded" ? style.green : run.status === "running" ? style.cyan : style.red;
    return `${run.runId}  ${date}  ${colour(run.status.padEnd(11))}  ${counts}`;
  });
  const resume = runs.some((r) => r.status === "interrupted")
    ? "\nFinish an interrupted run with: anvil run --resume <run-id>\n"
    : "";
  return lines.join("\n") + "\n" + resume;
}
