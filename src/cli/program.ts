import { Command, CommanderError } from "commander";
import { enableDebug } from "../debug.js";
import { ExitCode, exitCodeFor, messageOf } from "../errors.js";
import { VERSION } from "../version.js";
import type { Io } from "./io.js";

type Register = (program: Command, io: Io, setCode: (code: number) => void) => void;

/**
 * Each command's module, loaded on demand: a command line that names one command loads only
 * that one (and so only the libraries it needs), which keeps start-up short.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  graph: async () => (await import("./commands/graph.js")).registerGraph,
  lint: async () => (await import("./commands/lint.js")).registerLint,
  plan: async () => (await import("./commands/plan.js")).registerPlan,
  schema: async () => (await import("./commands/schema.js")).registerSchema,
  eval: async () => (await import("./commands/eval.js")).registerEval,
  run: async () => (await import("./commands/run.js")).registerRun,
  runs: async () => (await import("./commands/runs.js")).registerRuns,
  report: async () => (await import("./commands/report.js")).registerReport,
};

const PACKAGE_URL = "https://www.npmjs.com/package/anvil-planner";

/** Runs one anvil command line and returns its exit code. Never calls `process.exit`. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const state = { code: ExitCode.ok as number };
  // `--debug` is accepted anywhere on the line, before or after the command.
  const debug = argv.includes("--debug");
  if (debug) enableDebug("anvil:*", (line) => io.stderr(line + "\n"));
  try {
    const program = await buildProgram(argv, io, (code) => (state.code = code));
    await program.parseAsync(
      argv.filter((arg) => arg !== "--debug"),
      { from: "user" },
    );
    return state.code;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

async function buildProgram(
  argv: string[],
  io: Io,
  setCode: (code: number) => void,
): Promise<Command> {
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
  const named = argv.find((arg) => !arg.startsWith("-"));
  const versionOnly = !named && (argv.includes("-V") || argv.includes("--version"));
  const wanted =
    named !== undefined && named in COMMANDS ? [named] : versionOnly ? [] : Object.keys(COMMANDS);
  for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) {
    register(program, io, setCode);
  }
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
    io.stderr(
      `This is a bug in anvil ${VERSION}; please report it to the maintainers (${PACKAGE_URL})` +
        " with the command you ran and the stack below.\n",
    );
    if (error instanceof Error && error.stack) io.stderr(error.stack + "\n");
    return code;
  }
  io.stderr(`anvil: ${messageOf(error)}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(error.stack + "\n");
  return code;
}
