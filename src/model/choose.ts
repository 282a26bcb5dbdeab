import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import type { ModelSource } from "./types.js";

/**
 * The model used when nothing else names one: the current Sonnet, the middle of the
 * price/quality range. Cheaper models plan fine for anvil's purpose, since the validator
 * recovers the parallelism their chained plans hide; `anvil eval` measures that trade.
 */
export const DEFAULT_MODEL = "claude-sonnet-5-5";

export const CONFIG_FILE = "anvil.config.json";

export interface ModelChoice {
  model: string;
  source: ModelSource;
  /** The file the model was read from, when it came from a config file. */
  file?: string;
}

/**
 * Picks the model: `--model`, else `ANVIL_MODEL`, else `model` in `anvil.config.json` or in
 * the `anvil` key of package.json (first in `dirs`, in order), else {@link DEFAULT_MODEL}.
 */
export function chooseModel(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  dirs: readonly string[],
): ModelChoice {
  if (flag?.trim()) return { model: flag.trim(), source: "flag" };
  const fromEnv = env.ANVIL_MODEL?.trim();
  if (fromEnv) return { model: fromEnv, source: "env" };
  for (const dir of dirs) {
    const found = modelInConfig(dir);
    if (found) return { ...found, source: "config" };
  }
  return { model: DEFAULT_MODEL, source: "default" };
}

function modelInConfig(dir: string): { model: string; file: string } | undefined {
  const config = join(dir, CONFIG_FILE);
  if (existsSync(config)) {
    const model = readModel(readJson(config), config, "model");
    if (model) return { model, file: config };
  }
  const pkg = join(dir, "package.json");
  if (!existsSync(pkg)) return undefined;
  const section = (readJson(pkg) as { anvil?: unknown } | null)?.anvil;
  const model = readModel(section, pkg, "anvil.model");
  return model ? { model, file: pkg } : undefined;
}

function readModel(section: unknown, file: string, field: string): string | undefined {
  if (section === null || typeof section !== "object") return undefined;
  const value = (section as { model?: unknown }).model;
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !value.trim()) {
    throw new UserError(`${file}: "${field}" must be a model name such as "${DEFAULT_MODEL}"`);
  }
  return value.trim();
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch (error) {
    throw new UserError(`${file} is not valid JSON (${(error as Error).message})`);
  }
}
