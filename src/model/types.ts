import type {
  Message,
  MessageCreateParamsNonStreaming,
} from "@anthropic-ai/sdk/resources/messages";

/** A Messages API request without the model: the client adds the model it was configured with. */
export type ModelParams = Omit<MessageCreateParamsNonStreaming, "model" | "stream">;

export interface CallUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** One answered request: the model's message and what it cost. */
export interface ModelCall {
  message: Message;
  /** The model that answered, as the API names it. */
  model: string;
  usage: CallUsage;
  /** Estimated from the price table; null for a model without a known price. */
  costUsd: number | null;
  latencyMs: number;
  /** HTTP attempts, retries included; 0 for an answer read from a recording. */
  attempts: number;
  source: "api" | "replay";
}

/** Where the model name came from, for `--explain`. */
export type ModelSource = "flag" | "env" | "config" | "default" | "recording";

/** The one way anvil talks to a model: the planner and the agent executor both go through it. */
export interface ModelClient {
  readonly model: string;
  readonly modelSource: ModelSource;
  /** Sends one request (retrying transient faults) and returns the answer with its usage. */
  create(params: ModelParams): Promise<ModelCall>;
}
