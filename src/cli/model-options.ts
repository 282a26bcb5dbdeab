import { type Command, InvalidArgumentError } from "commander";
import {
  chooseModel,
  createModelClient,
  DEFAULT_MODEL,
  DEFAULT_TIMEOUT_MS,
  type ModelClient,
} from "../model/index.js";
import type { Io } from "./io.js";

/** The options every command that talks to a model shares (`plan`, and the agent executor). */
export interface ModelCliOptions {
  model?: string;
  timeout?: number;
  retries?: number;
  record?: string;
  replay?: string;
}

export function addModelOptions(command: Command): Command {
  return command
    .option(
      "--model <model>",
      `model (else ANVIL_MODEL, else anvil.config.json, else ${DEFAULT_MODEL})`,
    )
    .option(
      "--timeout <seconds>",
      `longest wait for one answer, then retry (default ${DEFAULT_TIMEOUT_MS / 1000})`,
      parseSeconds,
    )
    .option(
      "--retries <n>",
      "retries after a 429, 529, 5xx, dropped connection or timeout (default 2)",
      parseCount,
    )
    .option("--record <file>", "save the model's answers to FILE (no key or headers)")
    .option("--replay <file>", "answer from a recording: no key, no network");
}

/**
 * The model client for a command's options. `configDirs` are searched for the model setting
 * (the repository first); notices such as an out-of-order replay go to stderr.
 */
export function modelClientFor(
  options: ModelCliOptions,
  io: Io,
  configDirs: readonly string[],
): ModelClient {
  return createModelClient({
    choice: chooseModel(options.model, io.env, configDirs),
    env: io.env,
    ...(options.timeout !== undefined ? { timeoutMs: Math.round(options.timeout * 1000) } : {}),
    ...(options.retries !== undefined ? { maxRetries: options.retries } : {}),
    ...(options.record ? { record: options.record } : {}),
    ...(options.replay ? { replay: options.replay } : {}),
    onNotice: (text) => io.stderr(`anvil: ${text}\n`),
  });
}

/** A whole number ≥ 0, for counts such as `--repair` and `--tries`. */
export function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(count)) {
    throw new InvalidArgumentError("expected a whole number such as 2");
  }
  return count;
}

/** Seconds > 0, possibly fractional, for `--timeout`. */
export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError("expected a number of seconds greater than 0, such as 60");
  }
  return seconds;
}
