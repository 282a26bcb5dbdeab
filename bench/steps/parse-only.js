// The lower bound: list what anvil lists, read every file, build its syntax tree, nothing else.
import { readFileSync, statSync } from "node:fs";
import { ts } from "ts-morph";
import { importDist } from "./dist.js";
import { report } from "./report.js";

const { listFiles } = await importDist("graph/files.js");

const MAX_FILE_BYTES = 1024 * 1024; // the analyzer skips larger files too

const started = performance.now();
const root = process.argv[2];
let files = 0;
for (const path of listFiles(root).sources) {
  const absolute = `${root}/${path}`;
  if (statSync(absolute).size > MAX_FILE_BYTES) continue;
  const text = readFileSync(absolute, "utf8");
  ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kindOf(path));
  files++;
}
report(started, { files });

function kindOf(path) {
  if (/\.[mc]?tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.[mc]?ts$/.test(path)) return ts.ScriptKind.TS;
  return path.endsWith(".jsx") ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}
