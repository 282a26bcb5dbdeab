import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = `${ROOT}bin/anvil.js`;
export const FIXTURES = `${ROOT}fixtures`;

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `anvil` bin as a user would, with colour off and a clean debug setting. */
export function anvil(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): ExecResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", ANVIL_DEBUG: "", DEBUG: "", ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
