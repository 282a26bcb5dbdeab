import type { PlanVerdict } from "../../validate/types.js";

/**
 * The plan before and after validation, side by side: pruned edges dashed in the claimed
 * plan, added edges thick and labelled in the validated one. Arrows point from a task to
 * the tasks that wait for it.
 */
export function verdictToMermaid(verdict: PlanVerdict): string {
  const tasks = verdict.plan.tasks;
  const index = new Map(tasks.map((task, i) => [task.id, i]));
  const lines = ["flowchart LR"];
  for (const [prefix, label] of [
    ["c", "claimed plan"],
    ["v", "validated plan"],
  ] as const) {
    lines.push(`  subgraph ${prefix}plan["${label}"]`);
    tasks.forEach((task, i) =>
      lines.push(`    ${prefix}${i}["${nodeLabel(task.id, task.title)}"]`),
    );
    for (const edge of verdict.edges) {
      const from = `${prefix}${index.get(edge.dependsOn)}`;
      const to = `${prefix}${index.get(edge.task)}`;
      if (prefix === "c" && edge.verdict !== "added") {
        lines.push(
          edge.verdict === "pruned" ? `    ${from} -. pruned .-> ${to}` : `    ${from} --> ${to}`,
        );
      } else if (prefix === "v" && edge.verdict !== "pruned") {
        lines.push(
          edge.verdict === "added" ? `    ${from} == added ==> ${to}` : `    ${from} --> ${to}`,
        );
      }
    }
    lines.push("  end");
  }
  return lines.join("\n") + "\n";
}

function nodeLabel(id: string, title: string): string {
  const short = title.length > 40 ? `${title.slice(0, 39)}…` : title;
  return `${id}: ${short}`
    .replace(/"/g, "#quot;")
    .replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));
}
