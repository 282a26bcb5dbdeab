import { z } from "zod";
import { planDocumentSchema } from "./schema.js";

/**
 * The JSON Schema (draft 2020-12) of a canonical plan document. Input may also use `name`
 * for `title`, numeric ids and `dependsOn`; the schema documents the form anvil writes.
 */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planDocumentSchema, { io: "input" }) as Record<string, unknown>;
  return {
    ...schema,
    title: "anvil plan",
    description:
      "Tasks for coding agents with the files each writes and reads, the symbols each " +
      "provides and uses, and the tasks each depends on.",
  };
}
