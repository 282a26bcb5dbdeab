import { runCli } from "./program.js";

// The only module that touches the process: everything below takes streams and returns codes.
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
});
process.exitCode = code;
