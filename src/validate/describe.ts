import type { ReachLevel } from "../graph/reach.js";
import { taskName } from "../plan/diagnostics.js";
import type { Finding } from "./evidence.js";
import type { ImpactChain } from "./impact.js";
import type { Footprint } from "./footprint.js";
import type { Evidence } from "./types.js";

/** Puts a finding into words for the report. */
export function describeFinding(finding: Finding): Evidence {
  switch (finding.kind) {
    case "same-file":
      return { kind: "same-file", detail: `both write ${finding.file}` };
    case "declared":
      return { kind: "declared", detail: declaredDetail(finding) };
    case "import":
      return finding.path
        ? { kind: "import", detail: importDetail(finding, finding.path), chain: finding.path.chain }
        : {
            kind: "import",
            detail: `${name(finding.reader)} imports what ${name(finding.writer)} changes`,
          };
    case "project-wide":
      return {
        kind: "project-wide",
        detail: `${name(finding.task)} writes ${finding.file}, which shapes the whole build`,
      };
    case "unknown":
      return { kind: "unknown", detail: finding.unclear.detail, settle: finding.unclear.settle };
  }
}

/** The proof that two tasks cannot interact. */
export function describeNone(a: Footprint, b: Footprint, level: ReachLevel): Evidence {
  const chains = level === "file" ? "no import chain" : `no import chain (${level} level)`;
  return {
    kind: "none",
    detail: `no common file, no declared link, and ${chains} between the files of ${name(a)} and ${name(b)}`,
  };
}

function declaredDetail(finding: Extract<Finding, { kind: "declared" }>): string {
  const { reader, writer, file, symbol } = finding;
  if (symbol === undefined) return `${name(reader)} reads ${file}, which ${name(writer)} writes`;
  const how = writer.changes
    ? "provides"
    : "may change (it writes the file without saying what it provides)";
  return `${name(reader)} uses ${file}#${symbol}, which ${name(writer)} ${how}`;
}

function importDetail(finding: Extract<Finding, { kind: "import" }>, path: ImpactChain): string {
  const { reader, writer } = finding;
  const { source, chain } = path;
  const last = chain[chain.length - 1]!;
  const role = reader.writeSet.has(source)
    ? "written"
    : reader.readSet.has(source)
      ? "read"
      : "used";
  const what = last.name === "*" ? last.to : `${last.name} in ${last.to}`;
  return `${source} (${role} by ${name(reader)}) reaches ${what} (written by ${name(writer)})`;
}

function name(footprint: Footprint): string {
  return taskName(footprint.task.id);
}
