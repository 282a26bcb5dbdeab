/**
 * The JSON Schema sent as the structured-output format. Structured outputs accept only a
 * subset of JSON Schema (no length or number limits, every object closed), so this is the
 * plan's shape without the bounds; the full zod schema and the plan rules check the answer.
 * Every field is required so that the model always states what each task writes and provides.
 */
const stringList = (description: string) => ({
  type: "array",
  items: { type: "string" },
  description,
});

const TASK = {
  type: "object",
  additionalProperties: false,
  required: ["id", "title", "prompt", "writes", "reads", "provides", "uses", "depends_on"],
  properties: {
    id: { type: "string", description: 'short and unique within the plan: "1", "2", ...' },
    title: { type: "string", description: "a few words saying what the task does" },
    prompt: {
      type: "string",
      description: "the full instructions for the coding agent that will do this task alone",
    },
    writes: stringList("repo-relative paths the task modifies, creates or deletes"),
    reads: stringList("files whose current content the task relies on, beyond what it imports"),
    provides: stringList(
      "every exported symbol the task adds, removes or whose signature it changes, as path#Name",
    ),
    uses: stringList("symbols of files other tasks write that this task relies on, as path#Name"),
    depends_on: stringList("ids of the tasks whose result this task cannot be done without"),
  },
} as const;

export const PLAN_OUTPUT_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["version", "goal", "tasks"],
  properties: {
    version: { type: "integer", enum: [1] },
    goal: { type: "string" },
    tasks: { type: "array", items: TASK, minItems: 1 },
  },
} as const;
