import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRepo, planOf, readAt, removeRepos, task } from "../execute/git-repo.js";
import {
  cleanEnv,
  type MessagesServer,
  reply,
  runAnvil,
  startMessagesServer,
} from "../helpers/messages-server.js";
import { planFile } from "./run-helpers.js";

const KEY = "sk-ant-test-cli-agent-9876543210";
let server: MessagesServer;

beforeAll(async () => {
  server = await startMessagesServer();
});
afterAll(async () => {
  await server.close();
  removeRepos();
});

describe("anvil run --agent", () => {
  it("runs each task with the built-in agent, refusing writes outside the task's writes", async () => {
    const repo = makeRepo({
      "src/a.ts": "export const a = 1;\n",
      "src/b.ts": "export const b = 1;\n",
    });
    const plan = planFile(
      planOf(task("1", { writes: ["src/a.ts"] }), task("2", { writes: ["src/b.ts"] })),
    );
    // -j 1: the two tasks take their scripted answers in plan order.
    server.script(
      reply.toolUse("write_file", { path: "src/b.ts", content: "export const b = 0;\n" }),
      reply.toolUse("write_file", { path: "src/a.ts", content: "export const a = 2;\n" }),
      reply.text("done"),
      reply.toolUse("edit_file", { path: "src/b.ts", old_text: "1", new_text: "3" }),
      reply.text("done"),
    );
    const result = await runAnvil(
      ["run", plan, "--agent", "--model", "claude-test-cli", "-j", "1", "--json"],
      { cwd: repo, env: { ...cleanEnv(), ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url } },
    );

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { resultBranch: string };
    expect(readAt(repo, summary.resultBranch, "src/a.ts")).toBe("export const a = 2;\n");
    expect(readAt(repo, summary.resultBranch, "src/b.ts")).toBe("export const b = 3;\n");
    const refused = server.requests[1]!.body.messages.at(-1).content[0];
    expect(refused).toMatchObject({ is_error: true });
    expect(refused.content).toContain("refused: src/b.ts is not among this task's writes");
    expect(server.requests.every((r) => r.body.model === "claude-test-cli")).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it("refuses to start without an API key, with exit 2 and one line", async () => {
    const repo = makeRepo({ "src/a.ts": "export const a = 1;\n" });
    const plan = planFile(planOf(task("1", { writes: ["src/a.ts"] })));
    const result = await runAnvil(["run", plan, "--agent"], { cwd: repo, env: cleanEnv() });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^anvil: ANTHROPIC_API_KEY is not set/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
