import type { RepoMap } from "./repo-map.js";

/**
 * What the planner tells the model: the task format, what a dependency means (in the words
 * of anvil's design, since the validator holds the plan to exactly that), and the output.
 */
export const SYSTEM_PROMPT = `You plan work for coding agents. Break the goal into tasks that \
separate agents can each do in their own copy of the repository. Answer with one JSON plan.

Each task says:
- writes: the repo-relative files it modifies, creates or deletes. Name existing files exactly \
as the repository map shows them; a new file goes where the repository would put it, and the \
task's prompt says that it creates it.
- reads: files whose current content it relies on, beyond the imports of the files it writes.
- provides: every exported symbol it adds, removes or whose signature it changes, as \
path#Name. The list is complete: every other export of the files it writes keeps its \
signature. An empty list means it changes no export.
- uses: symbols of other files it relies on, as path#Name.
- depends_on: the ids of the tasks that must finish first.

What a dependency means: task B depends on task A when B cannot be done correctly without \
A's result — B uses a symbol A provides, reads a file A writes, imports code A changes, or \
writes a file A also writes. Tasks without such a link can run at the same time.

Paths are relative to the repository root and stay inside it. Ids are unique strings. The \
dependencies form no cycle. The prompt of each task is complete: the agent sees only it.`;

export function firstMessage(goal: string, map: RepoMap): string {
  return `Goal: ${goal}\n\nRepository map:\n${map.text}\nAnswer with the plan as JSON.`;
}

/** Sent back with the model's own answer when it broke the schema or the plan rules. */
export function repairMessage(problems: readonly string[]): string {
  const list = problems.map((p) => `- ${p}`).join("\n");
  return (
    `Your plan cannot be used as it is:\n${list}\n\n` +
    "Answer again with the whole corrected plan as JSON."
  );
}
