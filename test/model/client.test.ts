import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { enableDebug } from "../../src/debug.js";
import { ServiceError, UserError } from "../../src/errors.js";
import { createModelClient, type ModelClientOptions } from "../../src/model/index.js";
import { type MessagesServer, reply, startMessagesServer } from "../helpers/messages-server.js";

const KEY = `sk-ant-test-${randomBytes(12).toString("hex")}`;
const ASK = { max_tokens: 100, messages: [{ role: "user" as const, content: "hello" }] };

let server: MessagesServer;
let dir: string;

beforeEach(async () => {
  server = await startMessagesServer();
  dir = mkdtempSync(join(tmpdir(), "anvil-model-"));
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function client(options: Partial<ModelClientOptions> = {}) {
  return createModelClient({
    choice: { model: "claude-haiku-5-5", source: "flag" },
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url },
    timeoutMs: 5_000,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

describe("the model client against a local Messages API", () => {
  it("sends the chosen model with the key and returns the answer with usage and cost", async () => {
    server.script(reply.text("hi", { usage: { input_tokens: 1000, output_tokens: 200 } }));
    const call = await client().create(ASK);

    expect(call.message.content).toEqual([{ type: "text", text: "hi" }]);
    expect(call).toMatchObject({ model: "claude-haiku-5-5", attempts: 1, source: "api" });
    expect(call.usage).toMatchObject({ inputTokens: 1000, outputTokens: 200 });
    // Haiku 5.5 short-prompt rate: $0.10 in, $0.50 out per million.
    expect(call.costUsd).toBeCloseTo((1000 * 0.1 + 200 * 0.5) / 1e6, 10);
    const [request] = server.requests;
    expect(request?.path).toBe("/v1/messages");
    expect(request?.body).toMatchObject({ model: "claude-haiku-5-5", max_tokens: 100 });
    const auth = `${request?.headers["x-api-key"] ?? ""} ${request?.headers.authorization ?? ""}`;
    expect(auth).toContain(KEY);
  });

  it("passes scripted tool calls through the SDK as tool_use blocks", async () => {
    server.script(reply.toolUse("write_file", { path: "src/a.ts" }, { id: "toolu_1", text: "ok" }));
    const call = await client().create({
      ...ASK,
      tools: [{ name: "write_file", input_schema: { type: "object", properties: {} } }],
    });
    expect(call.message.stop_reason).toBe("tool_use");
    expect(call.message.content).toEqual([
      { type: "text", text: "ok" },
      { type: "tool_use", id: "toolu_1", name: "write_file", input: { path: "src/a.ts" } },
    ]);
    expect(server.requests[0]?.body.tools[0].name).toBe("write_file");
  });

  it("retries a 429 and then a 529, and succeeds on the third attempt", async () => {
    server.script(reply.rateLimited(), reply.overloaded(), reply.text("third time"));
    const call = await client().create(ASK);
    expect(call.attempts).toBe(3);
    expect(call.message.content[0]).toMatchObject({ text: "third time" });
    expect(server.requests).toHaveLength(3);
  });

  it("retries a dropped connection", async () => {
    server.script(reply.drop(), reply.text("back"));
    const call = await client().create(ASK);
    expect(call.attempts).toBe(2);
  });

  it("gives up after its retries with a service error saying what failed", async () => {
    server.script(reply.error(500), reply.error(502), reply.overloaded());
    const error = await failure(client({ maxRetries: 2 }).create(ASK));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toMatch(/failed after 3 attempts: 529 overloaded_error: Overloaded/);
    expect(error.message).toContain(new URL(server.url).host);
  });

  it("drops an answer slower than the timeout, retries it, then reports the timeout", async () => {
    server.script(reply.slow(3_000, reply.text("late")), reply.slow(3_000, reply.text("late")));
    const error = await failure(client({ timeoutMs: 300, maxRetries: 1 }).create(ASK));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toMatch(/did not answer within 0\.3s \(2 attempts\); raise --timeout/);
    expect(server.requests).toHaveLength(2);
  });

  it("reports a connection that keeps dropping", async () => {
    server.script(reply.drop(), reply.drop());
    const error = await failure(client({ maxRetries: 1 }).create(ASK));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toMatch(/could not reach the model API at 127\.0\.0\.1:\d+.*2 attempts/);
  });

  it("reports a body that is not JSON as an unreadable answer", async () => {
    server.script(reply.malformed());
    const error = await failure(client().create(ASK));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toMatch(/sent an unreadable answer/);
  });

  it("makes a rejected key the user's error, never repeating the key", async () => {
    server.script(reply.error(401, `invalid x-api-key ${KEY}`));
    const error = await failure(client().create(ASK));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/rejected ANTHROPIC_API_KEY \(401 authentication_error/);
    expect(error.message).toContain("[redacted]");
    expect(error.message).not.toContain(KEY);
  });

  it("makes an unknown model the user's error, naming the model", async () => {
    server.script(reply.error(404, "model: claude-nope"));
    const error = await failure(
      client({ choice: { model: "claude-nope", source: "flag" } }).create(ASK),
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain('model "claude-nope"');
  });

  it("refuses to start without a key, saying how to set it or replay", () => {
    expect(() => client({ env: { ANTHROPIC_BASE_URL: server.url } })).toThrow(
      /ANTHROPIC_API_KEY is not set: export ANTHROPIC_API_KEY=.* or answer from a recording with --replay FILE/,
    );
  });

  it("keeps the key out of debug logs while logging every attempt", async () => {
    const lines: string[] = [];
    enableDebug("anvil:model", (line) => lines.push(line));
    try {
      server.script(reply.rateLimited(), reply.error(401, `bad key ${KEY}`));
      await failure(client().create(ASK));
    } finally {
      enableDebug("");
    }
    const log = lines.join("\n");
    expect(log).toMatch(/attempt 1: HTTP 429/);
    expect(log).toMatch(/attempt 2: HTTP 401/);
    expect(log).not.toContain(KEY);
  });
});

describe("record and replay", () => {
  it("records answers without the key and replays them without network or key", async () => {
    const file = join(dir, "rec", "calls.json");
    server.script(reply.text("first"), reply.text("second"));
    const live = client({ record: file, recordingNote: "test" });
    await live.create(ASK);
    await live.create({ ...ASK, messages: [{ role: "user", content: "again" }] });

    const text = readFileSync(file, "utf8");
    expect(text).not.toContain(KEY);
    const recording = JSON.parse(text);
    expect(recording).toMatchObject({ format: "anvil-model-recording", version: 1, note: "test" });
    expect(recording.calls).toHaveLength(2);
    expect(recording.calls[0].request.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const notices: string[] = [];
    const replay = createModelClient({
      choice: { model: "claude-sonnet-5-5", source: "default" },
      env: {},
      replay: file,
      onNotice: (text) => notices.push(text),
    });
    // Asked in the other order: answers are matched by request, not by position.
    const second = await replay.create({ ...ASK, messages: [{ role: "user", content: "again" }] });
    const first = await replay.create(ASK);
    expect(second.message.content[0]).toMatchObject({ text: "second" });
    expect(first.message.content[0]).toMatchObject({ text: "first" });
    expect(replay.model).toBe("claude-haiku-5-5");
    expect(replay.modelSource).toBe("recording");
    expect(first).toMatchObject({ source: "replay", attempts: 0 });
    expect(notices).toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it("answers a changed request in recorded order, and says so", async () => {
    const file = join(dir, "calls.json");
    server.script(reply.text("only"));
    await client({ record: file }).create(ASK);
    const notices: string[] = [];
    const replay = createModelClient({
      choice: { model: "claude-haiku-5-5", source: "flag" },
      env: {},
      replay: file,
      onNotice: (text) => notices.push(text),
    });
    const call = await replay.create({ ...ASK, max_tokens: 7 });
    expect(call.message.content[0]).toMatchObject({ text: "only" });
    expect(notices).toEqual([expect.stringMatching(/request 1 differs from the recorded one/)]);
    await expect(replay.create(ASK)).rejects.toThrow(/no recorded answer left for request 2/);
  });

  it("rejects a file that is not a recording", () => {
    const file = join(dir, "nope.json");
    expect(() => client({ replay: file })).toThrow(/--replay .*nope\.json: no such file/);
  });
});
