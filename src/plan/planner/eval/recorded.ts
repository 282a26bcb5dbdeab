import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../../../errors.js";
import type { EvalOptions } from "./run.js";

/** Plans per model and case when calling a model live. */
export const DEFAULT_TRIES = 3;

/** Model ids become folder names; only characters a file name can hold are kept. */
export function safeName(model: string): string {
  return model.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** The models recorded in the replay directory: its `<case>/<model>/` folders. */
export function recordedModels(options: Pick<EvalOptions, "cases" | "replayDir">): string[] {
  if (!options.replayDir) throw new UserError("anvil eval needs --model or --replay-dir");
  const models = new Set<string>();
  for (const evalCase of options.cases) {
    for (const entry of listDirs(join(options.replayDir, evalCase.name))) models.add(entry);
  }
  if (models.size === 0) {
    throw new UserError(`--replay-dir ${options.replayDir} holds no <case>/<model>/<try>.json`);
  }
  return [...models].sort();
}

/** How many tries were recorded for a case and model (`<try>.json` files). */
export function recordedTries(
  options: Pick<EvalOptions, "replayDir">,
  caseName: string,
  model: string,
): number {
  if (!options.replayDir) return DEFAULT_TRIES;
  const dir = join(options.replayDir, caseName, safeName(model));
  const tries = existsSync(dir)
    ? readdirSync(dir).filter((name) => /^\d+\.json$/.test(name)).length
    : 0;
  if (tries === 0) {
    throw new UserError(
      `--replay-dir: no recording for case ${caseName} and model ${model} (${dir})`,
    );
  }
  return tries;
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}
