/**
 * A local stand-in for the Anthropic Messages API: a real HTTP server on 127.0.0.1 that the
 * real SDK talks to (point `ANTHROPIC_BASE_URL` at `server.url`). Each test scripts the
 * answers, in order, and afterwards reads what the server received.
 *
 * ```ts
 * const server = await startMessagesServer();
 * server.script(
 *   reply.error(429),                         // rate limited: the SDK retries
 *   reply.json({ version: 1, tasks: [] }),    // a text block holding JSON (structured output)
 *   reply.toolUse("write_file", { path: "src/a.ts", content: "..." }), // an agent's tool call
 *   reply.text("done"),                       // a final plain answer (stop_reason end_turn)
 * );
 * // ... run anvil with { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: "sk-test-..." }
 * server.requests[0].body.model;              // what the client sent, parsed
 * server.requests[0].headers;                 // every header as received (the key included)
 * await server.close();
 * ```
 *
 * Faults: `reply.error(status)` (429, 529, 500... with the API's error body), `reply.drop()`
 * (the connection is cut before any response), `reply.slow(ms, next)` (answers after `ms`),
 * `reply.raw(status, body)` / `reply.malformed()` (a body that is not the API's JSON). A request
 * arriving when the script is empty gets a 500 whose message says so, so a test that scripted
 * too little fails loudly.
 *
 * Tests that run the built bin must not use `spawnSync` (it would block this server, which
 * lives in the test's own process): use {@link runAnvil}.
 */
import { spawn } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BIN, ROOT, type ExecResult } from "./exec.js";

/** A content block as the API returns it (text, tool_use, thinking...). */
export type ContentBlock = { type: string } & Record<string, unknown>;

export interface MessageReply {
  kind: "message";
  content: ContentBlock[];
  stopReason?: "end_turn" | "tool_use" | "max_tokens" | "stop_sequence" | "refusal";
  /** Defaults: input ≈ request bytes / 4, output ≈ content bytes / 4. */
  usage?: { input_tokens: number; output_tokens: number };
  /** Defaults to the model the request named. */
  model?: string;
}

export interface ErrorReply {
  kind: "error";
  status: number;
  errorType: string;
  message: string;
}

export interface RawReply {
  kind: "raw";
  status: number;
  body: string;
}

export interface DropReply {
  kind: "drop";
}

export type Reply = (MessageReply | ErrorReply | RawReply | DropReply) & {
  /** Wait this long before answering (longer than the client's timeout = a timeout). */
  delayMs?: number;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
};

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

let toolIds = 0;

/** Builders for scripted replies. */
export const reply = {
  /** A plain text answer. */
  text(text: string, options: Partial<MessageReply> = {}): Reply {
    return { kind: "message", content: [{ type: "text", text }], ...options };
  },
  /** A text block holding `JSON.stringify(value)`: what structured output returns. */
  json(value: unknown, options: Partial<MessageReply> = {}): Reply {
    return reply.text(JSON.stringify(value), options);
  },
  /** One tool call (stop_reason `tool_use`), optionally after some text. */
  toolUse(name: string, input: unknown, options: { id?: string; text?: string } = {}): Reply {
    return reply.toolUses([{ name, input, ...(options.id ? { id: options.id } : {}) }], options);
  },
  /** Several tool calls in one turn. */
  toolUses(
    calls: { name: string; input: unknown; id?: string }[],
    options: { text?: string } = {},
  ) {
    const content: ContentBlock[] = options.text ? [{ type: "text", text: options.text }] : [];
    for (const call of calls) {
      content.push({ type: "tool_use", id: call.id ?? `toolu_test_${++toolIds}`, ...call });
    }
    return { kind: "message", content, stopReason: "tool_use" } satisfies Reply as Reply;
  },
  /** An API error with the API's body; 429 and 5xx come with `retry-after-ms: 10`. */
  error(status: number, message?: string, errorType?: string): Reply {
    const retryable = status === 429 || status >= 500;
    return {
      kind: "error",
      status,
      errorType: errorType ?? ERROR_TYPES[status] ?? "api_error",
      message: message ?? `scripted ${status}`,
      ...(retryable ? { headers: { "retry-after-ms": "10" } } : {}),
    };
  },
  rateLimited: (): Reply =>
    reply.error(429, "Number of request tokens has exceeded your rate limit"),
  overloaded: (): Reply => reply.error(529, "Overloaded"),
  /** Any status and body, sent as application/json whether or not it is JSON. */
  raw(status: number, body: string): Reply {
    return { kind: "raw", status, body };
  },
  /** A 200 whose body is cut off mid-JSON. */
  malformed: (): Reply => reply.raw(200, '{"id":"msg_cut","type":"message","content":[{"ty'),
  /** The connection is destroyed once the request has been read. */
  drop: (): Reply => ({ kind: "drop" }),
  /** `next`, answered after `ms` milliseconds. */
  slow: (ms: number, next: Reply): Reply => ({ ...next, delayMs: ms }),
};

export interface ReceivedRequest {
  method: string;
  path: string;
  /** Every header exactly as received, authentication included. */
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary fields
  body: any;
}

export interface MessagesServer {
  /** `http://127.0.0.1:<port>`: the value for `ANTHROPIC_BASE_URL`. */
  url: string;
  requests: ReceivedRequest[];
  /** Appends replies to the queue; each request takes the next one. */
  script(...replies: Reply[]): void;
  /** Replies not yet taken. */
  pending(): number;
  close(): Promise<void>;
}

export async function startMessagesServer(): Promise<MessagesServer> {
  const queue: Reply[] = [];
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const received: ReceivedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        rawBody,
        body: parseJson(rawBody),
      };
      requests.push(received);
      const next = pickReply(received, queue);
      const answer = () => send(res, next, received, requests.length);
      if (!next.delayMs) return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, next.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pickReply(request: ReceivedRequest, queue: Reply[]): Reply {
  if (request.method !== "POST" || !request.path.startsWith("/v1/messages")) {
    return reply.error(404, `no route ${request.method} ${request.path} on the test server`);
  }
  return queue.shift() ?? reply.error(500, "the test server has no scripted reply left");
}

function send(res: ServerResponse, next: Reply, request: ReceivedRequest, count: number): void {
  if (res.destroyed || res.req.socket.destroyed) return; // the client gave up (timeout)
  if (next.kind === "drop") {
    res.req.socket.destroy();
    return;
  }
  const headers = { "content-type": "application/json", ...next.headers };
  const { status, body } = responseOf(next, request, count);
  res.writeHead(status, { ...headers, "request-id": `req_test_${count}` });
  res.end(body);
}

function responseOf(
  next: MessageReply | ErrorReply | RawReply,
  request: ReceivedRequest,
  count: number,
): { status: number; body: string } {
  if (next.kind === "raw") return { status: next.status, body: next.body };
  if (next.kind === "error") {
    const error = { type: next.errorType, message: next.message };
    return { status: next.status, body: JSON.stringify({ type: "error", error }) };
  }
  const contentBytes = JSON.stringify(next.content).length;
  const message = {
    id: `msg_test_${count}`,
    type: "message",
    role: "assistant",
    model: next.model ?? request.body?.model ?? "unknown",
    content: next.content,
    stop_reason: next.stopReason ?? "end_turn",
    stop_sequence: null,
    usage: next.usage ?? {
      input_tokens: Math.ceil(request.rawBody.length / 4),
      output_tokens: Math.ceil(contentBytes / 4),
    },
  };
  return { status: 200, body: JSON.stringify(message) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Runs the built bin without blocking this process, so a server in it can answer. */
export function runAnvil(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...cleanEnv(), NO_COLOR: "1", ANVIL_DEBUG: "", DEBUG: "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The test process's environment without anything that would pick a model, key or endpoint. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"]) {
    delete env[name];
  }
  delete env.ANVIL_MODEL;
  return env;
}
