import type { Diagnostic } from "../../plan/diagnostics.js";
import type { EdgeVerdict, PlanVerdict } from "../../validate/types.js";
import { VERSION } from "../../version.js";

type Level = "error" | "warning" | "note";

interface Rule {
  id: string;
  text: string;
  level: Level;
}

/** Edge findings, then every plan rule a diagnostic can name. */
const RULES: readonly Rule[] = [
  { id: "pruned-edge", text: "The graph proves the dependency unnecessary", level: "warning" },
  { id: "added-edge", text: "The plan needs an order it does not have", level: "warning" },
  { id: "unknown-edge", text: "The graph cannot decide the dependency", level: "note" },
  { id: "no-writes", text: "The task declares no writes", level: "warning" },
  { id: "malformed-symbol", text: "A provides or uses entry is not path#Name", level: "warning" },
  {
    id: "unknown-symbol-path",
    text: "A symbol's file neither exists nor is written",
    level: "warning",
  },
  {
    id: "provides-unwritten",
    text: "A provided symbol's file is not written by the task",
    level: "warning",
  },
  { id: "unordered-link", text: "Unordered tasks are linked by imports", level: "warning" },
];

export interface SarifOptions {
  /** The plan file as the results should name it (relative to the repository checkout). */
  uri: string;
  /** Line of each task in the plan file. */
  taskLines: ReadonlyMap<string, number>;
}

/** SARIF 2.1.0 for GitHub code scanning: each result points at its task's line in the plan. */
export function verdictToSarif(verdict: PlanVerdict, options: SarifOptions): object {
  const results = [
    ...verdict.edges.flatMap((edge) => edgeResult(edge, options)),
    ...verdict.diagnostics.map((d) => diagnosticResult(d, options)),
  ];
  const used = new Set(results.map((r) => r.ruleId));
  const rules = RULES.filter((rule) => used.has(rule.id));
  for (const id of used) if (!rules.some((r) => r.id === id)) rules.push(fallbackRule(id));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "anvil",
            version: VERSION,
            informationUri: "https://www.npmjs.com/package/anvil-planner",
            rules: rules.map(ruleDescriptor),
          },
        },
        results: results.map((r) => ({
          ...r,
          ruleIndex: rules.findIndex((x) => x.id === r.ruleId),
        })),
      },
    ],
  };
}

interface Result {
  ruleId: string;
  level: Level;
  message: { text: string };
  locations: object[];
}

function edgeResult(edge: EdgeVerdict, options: SarifOptions): Result[] {
  const pair = `task ${JSON.stringify(edge.task)} depends on ${JSON.stringify(edge.dependsOn)}`;
  if (edge.verdict === "pruned") {
    return [
      result(
        "pruned-edge",
        "warning",
        `${pair}, but ${edge.detail}; the edge can go`,
        edge.task,
        options,
      ),
    ];
  }
  if (edge.verdict === "added") {
    return [
      result("added-edge", "warning", `${pair} is missing: ${edge.detail}`, edge.task, options),
    ];
  }
  if (edge.evidence === "unknown") {
    const text = `${pair} is kept unproven: ${edge.detail}; ${edge.settle ?? ""}`.replace(
      /; $/,
      "",
    );
    return [result("unknown-edge", "note", text, edge.task, options)];
  }
  return [];
}

function diagnosticResult(diagnostic: Diagnostic, options: SarifOptions): Result {
  const level: Level = diagnostic.severity === "info" ? "note" : diagnostic.severity;
  return result(diagnostic.code, level, diagnostic.message, diagnostic.task, options);
}

function result(
  ruleId: string,
  level: Level,
  text: string,
  task: string | undefined,
  options: SarifOptions,
): Result {
  const line = (task !== undefined ? options.taskLines.get(task) : undefined) ?? 1;
  return {
    ruleId,
    level,
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: options.uri },
          region: { startLine: line },
        },
      },
    ],
  };
}

function ruleDescriptor(rule: Rule): object {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.text },
    defaultConfiguration: { level: rule.level },
    helpUri: "https://www.npmjs.com/package/anvil-planner#what-a-dependency-means",
  };
}

function fallbackRule(id: string): Rule {
  return { id, text: id.replace(/-/g, " "), level: "warning" };
}
