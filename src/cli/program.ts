import { Command, CommanderError } from "commander";
import { enableDebug } from "../debug.js";
import { ExitCode, exitCodeFor, messageOf } from "../errors.js";
import { VERSION } from "../version.js";
import { registerEval } from "./commands/eval.js";
import { registerGraph } from "./commands/graph.js";
import { registerLint } from "./commands/lint.js";
import { registerPlan } from "./commands/plan.js";
import { registerRun } from "./commands/run.js";
import { registerReport } from "./commands/report.js";
import { registerRuns } from "./commands/runs.js";
import { registerSchema } from "./commands/schema.js";
import type { Io } from "./io.js";

const ISSUES_URL = "https://github.com/anvil-planner/anvil/issues";

/** Runs one anvil command line and returns its exit code. Never calls `process.exit`. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const state = { code: ExitCode.ok as number };
  const program = buildProgram(io, (code) => (state.code = code));
  // `--debug` is accepted anywhere on the line, before or after the command.
  const debug = argv.includes("--debug");
  if (debug) enableDebug("anvil:*", (line) => io.stderr(line + "\n"));
  try {
    await program.parseAsync(
      argv.filter((arg) => arg !== "--debug"),
      { from: "user" },
    );
    return state.code;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command("anvil")
    .description(
      "Prove which dependencies in a coding agent's plan are unnecessary, and run the rest in parallel.",
    )
    .version(VERSION, "-V, --version", "print anvil's version")
    .option("--debug", "print debug logs (anvil:*) and stack traces to stderr")
    .showSuggestionAfterError(true)
    .enablePositionalOptions()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: () => {},
    })
    .exitOverride()
    .addHelpText(
      "after",
      "\nExit codes: 0 nothing found, 1 findings (or failed tasks), 2 bad usage or input,\n" +
        "3 an outside service failed, 4 an anvil bug.",
    );
  registerGraph(program, io, setCode);
  registerLint(program, io, setCode);
  registerPlan(program, io, setCode);
  registerSchema(program, io, setCode);
  registerEval(program, io, setCode);
  registerRun(program, io, setCode);
  registerRuns(program, io, setCode);
  registerReport(program, io, setCode);
  return program;
}

function reportError(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return ExitCode.ok;
    io.stderr(`anvil: ${error.message.replace(/^error: /, "")}\n`);
    io.stderr("Run `anvil --help` for usage.\n");
    return ExitCode.badInput;
  }
  const code = exitCodeFor(error);
  if (code === ExitCode.internal) {
    io.stderr(`anvil: internal error: ${messageOf(error)}\n`);
    io.stderr(`This is a bug in anvil ${VERSION}; please report it at ${ISSUES_URL}\n`);
    if (error instanceof Error && error.stack) io.stderr(error.stack + "\n");
    return code;
  }
  io.stderr(`anvil: ${messageOf(error)}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(error.stack + "\n");
  return code;
}
