import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkOrders, type EvalCase } from "../../src/plan/planner/eval/index.js";
import type { Plan } from "../../src/plan/types.js";
import { anvil, FIXTURES } from "../helpers/exec.js";
import {
  type MessagesServer,
  reply,
  runAnvil,
  startMessagesServer,
} from "../helpers/messages-server.js";

const RECORDINGS = `${FIXTURES}/recordings/eval`;

function planOf(...tasks: [string, string[], string[]][]): Plan {
  return {
    version: 1,
    tasks: tasks.map(([id, writes, deps]) => ({
      id,
      title: id,
      writes,
      reads: [],
      uses: [],
      depends_on: deps,
    })),
  };
}

const TRUTH: EvalCase = {
  name: "t",
  repo: "",
  goal: "",
  interacts: [["src/types/*.ts", "src/handlers/**"]],
};

describe("checkOrders", () => {
  it("counts a chain over unrelated tasks as false orders, transitively", () => {
    const chain = planOf(["1", ["a.ts"], []], ["2", ["b.ts"], ["1"]], ["3", ["c.ts"], ["2"]]);
    expect(checkOrders(chain, TRUTH)).toEqual({ falseOrders: 3, missingOrders: 0 });
  });

  it("counts a truly linked pair left unordered as a missing order, by glob", () => {
    const plan = planOf(["1", ["src/types/user.ts"], []], ["2", ["src/handlers/api/user.ts"], []]);
    expect(checkOrders(plan, TRUTH)).toEqual({ falseOrders: 0, missingOrders: 1 });
    const ordered = planOf(["1", ["src/types/user.ts"], []], ["2", ["src/handlers/u.ts"], ["1"]]);
    expect(checkOrders(ordered, TRUTH)).toEqual({ falseOrders: 0, missingOrders: 0 });
  });

  it("treats a common written file, or a task without writes, as interacting", () => {
    const plan: Plan = planOf(["1", ["x.ts"], []], ["2", ["x.ts"], []], ["3", [], ["1"]]);
    delete plan.tasks[2]!.writes;
    expect(checkOrders(plan, TRUTH)).toEqual({ falseOrders: 0, missingOrders: 2 });
  });
});

describe("anvil eval offline, from the shipped recordings", () => {
  it("replays every recording exactly and shows what validation recovers per model", () => {
    const result = anvil(["eval", "--replay-dir", RECORDINGS, "--json"]);
    expect(result.stderr).not.toMatch(/differs from the recorded one/);
    expect(result.code).toBe(0);
    const { runs, models } = JSON.parse(result.stdout);
    expect(models.map((m: { model: string }) => m.model)).toEqual([
      "claude-haiku-5-5",
      "claude-sonnet-5-5",
    ]);
    expect(runs).toHaveLength(12);
    for (const run of runs) {
      expect(run.validated.criticalPath).toBeLessThanOrEqual(run.raw.criticalPath);
      expect(run.validated.falseOrders).toBeLessThanOrEqual(run.raw.falseOrders);
      expect(run.validated.missingOrders).toBe(0);
      expect(run.usage.latencyMs).toBeGreaterThan(0);
    }
    const haiku = models[0];
    expect(haiku.validated.criticalPath).toBeLessThan(haiku.raw.criticalPath);
    expect(haiku.falseOrders.validated).toBeLessThan(haiku.falseOrders.raw);
    expect(haiku.repairedRuns).toBeGreaterThan(0);
  });

  it("prints one block per model for a person", () => {
    const result = anvil(["eval", "--replay-dir", RECORDINGS, "--case", "cli-flags"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^claude-haiku-5-5: 2 runs$/m);
    expect(result.stdout).toMatch(
      /^ {2}critical path {3}\S+ → \S+ tasks \(raw → validated, mean\)$/m,
    );
    expect(result.stdout).toMatch(
      /^ {2}usage {11}[\d,]+ tokens in, [\d,]+ out, \$[\d.]+, [\d.]+s a run$/m,
    );
    expect(result.stderr).toMatch(/^cli-flags claude-haiku-5-5 #1: critical path \d+ → \d+/m);
  });

  it("names an unknown case", () => {
    const result = anvil(["eval", "--replay-dir", RECORDINGS, "--case", "nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/has no case nope \(cases: barrel-rename,cli-flags,users-api\)/);
  });
});

describe("anvil eval against a local Messages API", () => {
  let server: MessagesServer;
  let dir: string;
  beforeEach(async () => {
    server = await startMessagesServer();
    dir = mkdtempSync(join(tmpdir(), "anvil-eval-"));
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("measures each model, records the answers and keeps going when one run fails", async () => {
    const recorded = JSON.parse(
      readFileSync(`${RECORDINGS}/cli-flags/claude-haiku-5-5/1.json`, "utf8"),
    );
    const answer = recorded.calls[0].response.content[0].text;
    server.script(
      reply.text(answer, { usage: { input_tokens: 1000, output_tokens: 400 } }),
      reply.error(500),
      reply.error(500),
    );
    const result = await runAnvil(
      [
        "eval",
        "--case",
        "cli-flags",
        "--model",
        "m-one",
        "--model",
        "m-two",
        "--tries",
        "1",
      ].concat(["--retries", "1", "--record-dir", dir, "--json"]),
      { env: { ANTHROPIC_API_KEY: "sk-ant-test-eval-key-123", ANTHROPIC_BASE_URL: server.url } },
    );
    expect(result.code).toBe(0);
    const { runs } = JSON.parse(result.stdout);
    expect(runs[0]).toMatchObject({
      model: "m-one",
      usage: { inputTokens: 1000, outputTokens: 400 },
    });
    expect(runs[0].raw.criticalPath).toBe(3);
    expect(runs[0].validated.criticalPath).toBe(1);
    expect(runs[1]).toMatchObject({ model: "m-two" });
    expect(runs[1].failure).toMatch(/failed after 2 attempts: 500 api_error/);
    expect(server.requests.map((r) => r.body.model)).toEqual(["m-one", "m-two", "m-two"]);
    expect(result.stderr).toMatch(/cli-flags m-two #1: no plan/);
    const saved = readFileSync(join(dir, "cli-flags", "m-one", "1.json"), "utf8");
    expect(JSON.parse(saved).calls[0].response.content[0].text).toBe(answer);
    expect(saved).not.toContain("sk-ant-test-eval-key-123");
  });

  it("needs a key, or recordings, to run", () => {
    const result = anvil(["eval", "--model", "m", "--case", "cli-flags"], {
      env: { ANTHROPIC_API_KEY: "" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ANTHROPIC_API_KEY is not set.*--replay FILE/);
  });
});
