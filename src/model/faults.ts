import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AnthropicError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
} from "@anthropic-ai/sdk";
import { ServiceError, UserError } from "../errors.js";
import { redact } from "./redact.js";

export interface FaultContext {
  host: string;
  model: string;
  attempts: number;
  timeoutMs: number;
  apiKey: string | undefined;
}

/**
 * Turns what the SDK threw, after its own retries, into anvil's error classes: the user's to
 * fix (a rejected key, an unknown model: exit 2) or the service's (exit 3), one line each,
 * saying what failed and never containing the key. Anything else is a bug and passes through.
 */
export function describeFault(error: unknown, context: FaultContext): Error {
  const said = (text: string) => redact(text, [context.apiKey]);
  const tries = `${context.attempts} attempt${context.attempts === 1 ? "" : "s"}`;
  if (error instanceof APIConnectionTimeoutError) {
    const seconds = context.timeoutMs / 1000;
    return new ServiceError(
      `model API at ${context.host} did not answer within ${seconds}s (${tries}); ` +
        `raise --timeout or try again later`,
      "model-timeout",
    );
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${causeText(error.cause)}` : "";
    return new ServiceError(
      said(`could not reach the model API at ${context.host}${cause} (${tries})`),
      "model-connection",
    );
  }
  if (error instanceof APIError) return describeStatus(error, context, tries, said);
  if (error instanceof AnthropicError || error instanceof SyntaxError) {
    return new ServiceError(
      said(`the model API at ${context.host} sent an unreadable answer: ${oneLine(error.message)}`),
      "model-unreadable",
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function describeStatus(
  error: APIError,
  context: FaultContext,
  tries: string,
  said: (text: string) => string,
): Error {
  const detail = oneLine(error.apiMessage ?? error.message);
  const what = `${error.status ?? "?"} ${error.type ?? "error"}: ${detail}`;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new UserError(
      said(`the model API rejected ANTHROPIC_API_KEY (${what}); check the key`),
      "model-auth",
    );
  }
  if (error instanceof NotFoundError || error instanceof BadRequestError) {
    return new UserError(
      said(`the model API refused the request for model "${context.model}" (${what})`),
      "model-request",
    );
  }
  return new ServiceError(
    said(`the model API at ${context.host} failed after ${tries}: ${what}`),
    "model-failed",
  );
}

function causeText(cause: Error): string {
  const code = (cause as { code?: unknown }).code;
  const inner = cause.cause instanceof Error ? causeText(cause.cause) : "";
  const own = typeof code === "string" ? code : oneLine(cause.message);
  return inner && inner !== own ? `${own} (${inner})` : own;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? line.slice(0, 297) + "..." : line;
}
