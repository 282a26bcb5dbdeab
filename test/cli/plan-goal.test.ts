import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { anvil, FIXTURES, ROOT } from "../helpers/exec.js";
import {
  type MessagesServer,
  reply,
  runAnvil,
  startMessagesServer,
} from "../helpers/messages-server.js";

const DEMO = `${FIXTURES}/examples/demo/repo`;
const RECORDING = `${FIXTURES}/recordings/demo.json`;
const GOAL =
  "Add phone numbers to profiles, due dates to invoices, a welcome email, and document the API";
const KEY = `sk-ant-test-${randomBytes(16).toString("hex")}`;
/** The demo's recorded answer: a chained plan of 7 tasks. */
const CHAINED: string = JSON.parse(readFileSync(RECORDING, "utf8")).calls[0].response.content[0]
  .text;

const TWO_TASKS = {
  version: 1,
  goal: GOAL,
  tasks: [
    {
      id: "1",
      title: "Add a phone number to users",
      prompt: "Add phone?: string to User in src/users/model.ts.",
      writes: ["src/users/model.ts"],
      reads: [],
      provides: ["src/users/model.ts#User"],
      uses: [],
      depends_on: [],
    },
    {
      id: "2",
      title: "Send a welcome email",
      prompt: "Add welcomeEmail(name, to) to src/notifications/email.ts.",
      writes: ["src/notifications/email.ts"],
      reads: [],
      provides: ["src/notifications/email.ts#welcomeEmail"],
      uses: [],
      depends_on: ["1"],
    },
  ],
};

let server: MessagesServer;
let dir: string;
beforeEach(async () => {
  server = await startMessagesServer();
  dir = mkdtempSync(join(tmpdir(), "anvil-plan-goal-"));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `anvil plan GOAL --repo DEMO --no-cache ...` in this process, against the local server. */
async function plan(args: string[], env: Record<string, string | undefined> = {}) {
  const out = { code: 0, stdout: "", stderr: "" };
  out.code = await runCli(["plan", GOAL, "--repo", DEMO, "--no-cache", ...args], {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url, ...env },
    cwd: ROOT,
    isTTY: false,
  });
  return out;
}

describe("anvil plan GOAL against a local Messages API", () => {
  it("plans with the chosen model, validates, and shows the result as --from does", async () => {
    server.script(reply.json(TWO_TASKS, { usage: { input_tokens: 1500, output_tokens: 300 } }));
    const result = await plan(["--model", "claude-sonnet-5-5"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^plan: 2 tasks/);
    expect(result.stdout).toContain("critical path 2 → 1, width 1 → 2");

    const body = server.requests[0]!.body;
    expect(body.model).toBe("claude-sonnet-5-5");
    expect(body.messages[0].content).toContain(`Goal: ${GOAL}`);
    expect(body.messages[0].content).toContain(
      "src/users/model.ts — exports User (type), displayName",
    );
  });

  it("adds the model, its usage and cost to --json", async () => {
    server.script(reply.json(TWO_TASKS, { usage: { input_tokens: 1500, output_tokens: 300 } }));
    const result = await plan(["--json"], { ANVIL_MODEL: "claude-sonnet-5-5" });
    const output = JSON.parse(result.stdout);
    expect(output.model).toEqual({ name: "claude-sonnet-5-5", source: "env" });
    expect(output.usage).toMatchObject({ calls: 1, inputTokens: 1500, outputTokens: 300 });
    // Sonnet 5.5: $2 in, $10 out per million tokens.
    expect(output.usage.costUsd).toBeCloseTo((1500 * 2 + 300 * 10) / 1e6, 10);
    expect(output.usage.perCall[0]).toMatchObject({ attempts: 1, source: "api" });
    expect(output.repairs).toEqual([]);
    expect(output.metrics).toMatchObject({ tasks: 2, edgesBefore: 1, edgesAfter: 0 });
    expect(output.edges[0]).toMatchObject({ task: "2", dependsOn: "1", verdict: "pruned" });
  });

  it("prunes a small model's chain and says by which model, at what cost, in --explain", async () => {
    server.script(reply.text(CHAINED, { usage: { input_tokens: 2000, output_tokens: 1000 } }));
    const repo = join(dir, "repo");
    cpSync(DEMO, repo, { recursive: true });
    writeFileSync(join(repo, "anvil.config.json"), JSON.stringify({ model: "claude-haiku-5-5" }));
    const result = await plan(["--explain", "--repo", repo]);
    expect(server.requests[0]!.body.model).toBe("claude-haiku-5-5");
    expect(result.stdout).toMatch(
      /^Planned by claude-haiku-5-5 \(config file\): 1 call, 2,000 tokens in, 1,000 out, ~\$0\.0007, \d+\.\ds$/m,
    );
    expect(result.stdout).toMatch(/^Repository map: 17 of 17 files, ~\d+ tokens$/m);
    expect(result.stdout).toContain('pruned    depends on "3" Test profiles with a phone number');
    expect(result.stdout).toContain("critical path 7 → 3, width 1 → 3");
  });

  it("repairs a plan that breaks the schema on the second try, and shows the repair", async () => {
    const broken = { ...TWO_TASKS, tasks: [{ ...TWO_TASKS.tasks[0], id: "" }, TWO_TASKS.tasks[1]] };
    server.script(reply.json(broken), reply.json(TWO_TASKS));
    const result = await plan(["--explain"]);
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    const repair = server.requests[1]!.body.messages[2].content;
    expect(repair).toMatch(/^Your plan cannot be used as it is:\n- tasks\[0\]\.id: /);
    expect(result.stdout).toMatch(/^Answer 1 sent back for repair:\n {2}tasks\[0\]\.id: /m);
    expect(result.stdout).toMatch(/^Planned by .*: 2 calls,/m);
  });

  it("exits 3 with the last problems when the model keeps naming a path outside the repo", async () => {
    const outside = { ...TWO_TASKS, tasks: [{ ...TWO_TASKS.tasks[0], writes: ["../../etc/x"] }] };
    server.script(reply.json(outside), reply.json(outside));
    const result = await plan(["--repair", "1"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^anvil: claude-sonnet-5-5 gave no usable plan after 1 repair;/);
    expect(result.stderr).toContain('task "1": writes[0] "../../etc/x" leaves the repository');
    expect(server.requests).toHaveLength(2);
  });

  it("retries 429 then 529 and succeeds", async () => {
    server.script(reply.rateLimited(), reply.overloaded(), reply.json(TWO_TASKS));
    const result = await plan(["--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).usage.perCall[0].attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it("exits 3 when the answer is slower than --timeout on every attempt", async () => {
    server.script(
      reply.slow(5_000, reply.json(TWO_TASKS)),
      reply.slow(5_000, reply.json(TWO_TASKS)),
    );
    const result = await plan(["--timeout", "0.3", "--retries", "1"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^anvil: model API at 127\.0\.0\.1:\d+ did not answer within 0\.3s \(2 attempts\); raise --timeout or try again later\n$/,
    );
  });

  it("exits 3 on a malformed response body", async () => {
    server.script(reply.malformed());
    const result = await plan([]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/sent an unreadable answer/);
  });

  it("exits 2 without a key, saying how to set it or replay, before any request", async () => {
    const result = await plan(["--record", join(dir, "r.json")], { ANTHROPIC_API_KEY: undefined });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "anvil: ANTHROPIC_API_KEY is not set: export ANTHROPIC_API_KEY=<your key> to call the " +
        "model, or answer from a recording with --replay FILE\n",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("writes the validated plan with --out", async () => {
    server.script(reply.json(TWO_TASKS));
    const out = join(dir, "plan.json");
    const result = await plan(["--out", out]);
    expect(result.code).toBe(0);
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(written.tasks.map((t: { depends_on: string[] }) => t.depends_on)).toEqual([[], []]);
  });
});

describe("anvil plan GOAL through the built bin", () => {
  it("never shows the key: not in output, debug logs, recordings or errors", async () => {
    const recording = join(dir, "rec.json");
    server.script(reply.rateLimited(), reply.json(TWO_TASKS));
    const env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url };
    const ok = await runAnvil(
      ["plan", GOAL, "--repo", DEMO, "--no-cache", "--explain", "--debug", "--record", recording],
      { env },
    );
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/anvil:model attempt 1: HTTP 429/);
    server.script(reply.error(401, `invalid x-api-key: ${KEY}`));
    const rejected = await runAnvil(["plan", GOAL, "--repo", DEMO, "--no-cache", "--debug"], {
      env,
    });
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/rejected ANTHROPIC_API_KEY \(401 authentication_error/);

    const everything = [ok.stdout, ok.stderr, readFileSync(recording, "utf8")]
      .concat([rejected.stdout, rejected.stderr])
      .join("\n");
    expect(everything).not.toContain(KEY);
    // The key did reach the API, and only the API.
    const auth = server.requests.map((r) => `${r.headers["x-api-key"]} ${r.headers.authorization}`);
    expect(auth.every((header) => header.includes(KEY))).toBe(true);
  });

  it("runs the README quick start offline from the shipped recording", () => {
    const result = anvil(
      ["plan", GOAL, "--repo", DEMO, "--replay", RECORDING, "--explain", "--no-cache"],
      { env: { ANTHROPIC_API_KEY: "", ANTHROPIC_BASE_URL: "http://127.0.0.1:9" } },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Planned by claude-haiku-5-5 \(the recording\): 1 call,/);
    expect(result.stdout).toContain("critical path 7 → 3, width 1 → 3");
  });

  it("answers a changed request from the recording in order, with a notice", () => {
    const result = anvil(
      ["plan", "A different goal", "--repo", DEMO, "--replay", RECORDING, "--no-cache"],
      { env: { ANTHROPIC_API_KEY: "" } },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /request 1 differs from the recorded one .* recorded answer 1\n$/,
    );
  });
});
