import { describe, expect, test } from "vitest";
import { anvilAsync } from "./bin.js";

describe("anvil schema", () => {
  test("prints the plan's JSON Schema", async () => {
    const result = await anvilAsync(["schema"]);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("anvil plan");
    const task = schema.properties.tasks.items;
    expect(task.required).toEqual(["id", "title"]);
    expect(task.properties.depends_on).toMatchObject({ type: "array", items: { type: "string" } });
    expect(task.properties.writes.description).toMatch(/absent: unknown/);
  });
});
