import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentExecutor } from "../../src/execute/executors/agent/agent.js";
import { startRun } from "../../src/execute/run.js";
import { RunStore } from "../../src/execute/state.js";
import { createModelClient } from "../../src/model/index.js";
import { RunEvents } from "../../src/schedule/events.js";
import { type MessagesServer, reply, startMessagesServer } from "../helpers/messages-server.js";
import { makeRepo, planOf, readAt, removeRepos, task } from "./git-repo.js";

const KEY = "sk-ant-test-agent-0123456789";
let server: MessagesServer;

beforeAll(async () => {
  server = await startMessagesServer();
});
afterAll(async () => {
  await server.close();
  removeRepos();
});

async function runAgent(repo: string, writes: string[], maxTurns?: number) {
  const client = createModelClient({
    choice: { model: "claude-test-agent", source: "flag" },
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url },
    maxRetries: 0,
  });
  return startRun({
    repo,
    plan: planOf(task("1", { title: "bump a", prompt: "set a to 2", writes })),
    executor: agentExecutor({ client, ...(maxTurns ? { maxTurns } : {}) }),
    options: { jobs: 1, failFast: false, retries: 0, apply: false, allowDirty: false },
    events: new RunEvents(),
  });
}

/** The tool results the agent sent back in request `index`, by tool_use id order. */
function toolResults(index: number): { content: string; is_error?: boolean }[] {
  const messages = server.requests[index]!.body.messages as { role: string; content: unknown }[];
  return messages.at(-1)!.content as { content: string; is_error?: boolean }[];
}

describe("the built-in agent", () => {
  it("reads and edits its own files, and a write outside its writes is refused to the model", async () => {
    const repo = makeRepo({
      "src/a.ts": "export const a = 1;\n",
      "src/b.ts": "export const b = 1;\n",
    });
    server.requests.length = 0;
    server.script(
      reply.toolUse("read_file", { path: "src/a.ts" }),
      reply.toolUse("write_file", { path: "src/b.ts", content: "export const b = 666;\n" }),
      reply.toolUses([
        { name: "write_file", input: { path: "../escape.txt", content: "x" } },
        { name: "edit_file", input: { path: "src/a.ts", old_text: "= 1", new_text: "= 2" } },
      ]),
      reply.text("Set a to 2."),
    );
    const summary = await runAgent(repo, ["src/a.ts"]);

    expect(summary.tasks[0]).toMatchObject({ status: "succeeded", changedFiles: ["src/a.ts"] });
    expect(readAt(repo, summary.resultBranch!, "src/a.ts")).toBe("export const a = 2;\n");
    expect(readAt(repo, summary.resultBranch!, "src/b.ts")).toBe("export const b = 1;\n");
    expect(toolResults(1)[0]).toMatchObject({ content: "export const a = 1;\n" });
    expect(toolResults(2)[0]!.is_error).toBe(true);
    expect(toolResults(2)[0]!.content).toMatch(
      /^refused: src\/b.ts is not among this task's writes \(src\/a.ts\)/,
    );
    expect(toolResults(3).map((r) => r.is_error ?? false)).toEqual([true, false]);
    expect(toolResults(3)[0]!.content).toContain("outside the repository");

    const first = server.requests[0]!.body;
    expect(first.model).toBe("claude-test-agent");
    expect(first.tools.map((t: { name: string }) => t.name)).toEqual([
      "list_files",
      "read_file",
      "search",
      "write_file",
      "edit_file",
    ]);
    expect(first.messages[0].content).toContain("Files you may write: src/a.ts");

    const state = new RunStore(join(repo, ".anvil"), summary.runId).load();
    expect(state.tasks[0]!.usage).toMatchObject({ turns: 4 });
    expect(state.tasks[0]!.usage!.inputTokens).toBeGreaterThan(0);
    expect(state.executor).toEqual({ kind: "agent", model: "claude-test-agent" });
    const runDir = join(repo, ".anvil/runs", summary.runId);
    for (const file of ["state.json", "events.jsonl", "tasks/1.log"]) {
      expect(readFileSync(join(runDir, file), "utf8")).not.toContain(KEY);
    }
    expect(readFileSync(join(runDir, "tasks/1.log"), "utf8")).toContain("Set a to 2.");
  });

  it("stops at its turn budget, and a failed model call fails only the task", async () => {
    const repo = makeRepo({ "src/a.ts": "export const a = 1;\n" });
    server.script(reply.toolUse("list_files", {}), reply.toolUse("search", { pattern: "const a" }));
    const budget = await runAgent(repo, ["src/a.ts"], 2);
    expect(budget.tasks[0]).toMatchObject({
      status: "failed",
      reason: "the agent used its 2 turns",
    });

    server.script(reply.error(400, "messages: bad request"));
    const failed = await runAgent(repo, ["src/a.ts"]);
    expect(failed.tasks[0]?.status).toBe("failed");
    expect(failed.tasks[0]?.reason).toMatch(/^the model call failed: .*bad request/);
    expect(server.pending()).toBe(0);
    expect(readdirSync(join(repo, ".anvil/runs"))).toHaveLength(2);
  });
});
