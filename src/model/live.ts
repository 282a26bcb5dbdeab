import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import Anthropic from "@anthropic-ai/sdk";
import { createDebug } from "../debug.js";
import { describeFault } from "./faults.js";
import type { Recorder } from "./recording.js";
import { redact } from "./redact.js";
import type { ModelCall, ModelClient, ModelParams, ModelSource } from "./types.js";
import { callOf } from "./usage.js";

const log = createDebug("anvil:model");

export const DEFAULT_BASE_URL = "https://api.anthropic.com";

export interface LiveOptions {
  model: string;
  modelSource: ModelSource;
  apiKey: string;
  baseURL: string;
  /** Per HTTP attempt; a slower answer is dropped and retried like a 5xx. */
  timeoutMs: number;
  maxRetries: number;
  recorder?: Recorder;
}

/**
 * The Messages API through the official SDK. Retries (429, 529, 5xx, dropped connections,
 * timeouts) are the SDK's own, with its backoff and `retry-after` handling; this class counts
 * the attempts, times the call, and turns the final failure into an anvil error.
 */
export class LiveClient implements ModelClient {
  readonly model: string;
  readonly modelSource: ModelSource;
  private readonly sdk: Anthropic;
  private readonly host: string;
  private readonly attempts = new AsyncLocalStorage<{ count: number }>();

  constructor(private readonly options: LiveOptions) {
    this.model = options.model;
    this.modelSource = options.modelSource;
    this.host = new URL(options.baseURL).host;
    this.sdk = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      fetch: (url, init) => this.countedFetch(url, init),
      logger: sdkLogger(options.apiKey),
      logLevel: log.enabled ? "info" : "off",
    });
  }

  async create(params: ModelParams): Promise<ModelCall> {
    const request = { ...params, model: this.model };
    const counter = { count: 0 };
    const started = performance.now();
    try {
      const message = await this.attempts.run(counter, () => this.sdk.messages.create(request));
      const latencyMs = Math.round(performance.now() - started);
      log(`${this.model} answered in ${latencyMs}ms after ${counter.count} attempt(s)`);
      this.options.recorder?.add(request, message, latencyMs);
      return callOf(message, latencyMs, counter.count, "api");
    } catch (error) {
      throw describeFault(error, {
        host: this.host,
        model: this.model,
        attempts: counter.count,
        timeoutMs: this.options.timeoutMs,
        apiKey: this.options.apiKey,
      });
    }
  }

  private async countedFetch(url: string | URL | Request, init?: RequestInit): Promise<Response> {
    const counter = this.attempts.getStore();
    const attempt = counter ? ++counter.count : 0;
    const started = performance.now();
    try {
      const response = await fetch(url, init);
      const ms = Math.round(performance.now() - started);
      log(`attempt ${attempt}: HTTP ${response.status} from ${this.host} in ${ms}ms`);
      return response;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const what = redact((error as Error).message, [this.options.apiKey]);
      log(`attempt ${attempt}: no response from ${this.host} after ${ms}ms (${what})`);
      throw error;
    }
  }
}

/** Routes the SDK's own log lines into `anvil:model`, with the key scrubbed as a last guard. */
function sdkLogger(apiKey: string) {
  const write =
    (level: string) =>
    (message: string, ...rest: unknown[]) => {
      const details = rest.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
      log(redact([`sdk ${level}:`, message, ...details].join(" "), [apiKey]));
    };
  return { error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug") };
}
