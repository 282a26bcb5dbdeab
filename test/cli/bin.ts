import { execFile } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, type ExecResult, FIXTURES, ROOT } from "../helpers/exec.js";

/**
 * The built bin, run asynchronously so that independent cases can overlap (each spends
 * most of its time starting Node and analyzing a small repository).
 */
export function anvilAsync(args: string[]): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: "1", ANVIL_DEBUG: "", DEBUG: "" },
        encoding: "utf8",
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * A private copy of a fixture repository, so that runs may keep their analysis cache
 * (`.anvil/cache/`) without writing into the checkout.
 */
export function copyFixture(path: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), "anvil-cli-")), "repo");
  cpSync(`${FIXTURES}/${path}`, copy, { recursive: true });
  return copy;
}
