import { UserError } from "../errors.js";
import type { ModelChoice } from "./choose.js";
import { DEFAULT_BASE_URL, LiveClient } from "./live.js";
import { Recorder, readRecording } from "./recording.js";
import { ReplayClient } from "./replay.js";
import type { ModelClient } from "./types.js";

/** Per attempt: long enough for a plan with adaptive thinking, short of the SDK's 10 minutes. */
export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_RETRIES = 2;

export interface ModelClientOptions {
  choice: ModelChoice;
  /** Only `ANTHROPIC_API_KEY` and `ANTHROPIC_BASE_URL` are read from it. */
  env: Record<string, string | undefined>;
  timeoutMs?: number;
  maxRetries?: number;
  /** Save every answer to this file (see `Recording`). */
  record?: string;
  /** Answer from this recording instead of the API: no key, no network. */
  replay?: string;
  /** Written into a new recording's `note`. */
  recordingNote?: string;
  /** Things the user should know that are not errors (a replay answered out of order). */
  onNotice?: (text: string) => void;
}

/** The model client for a command: live through the SDK, or replayed from a recording. */
export function createModelClient(options: ModelClientOptions): ModelClient {
  if (options.replay) {
    const recording = readRecording(options.replay);
    // Re-recording a recording (to refresh its digests) keeps the note on where it came from.
    const note = recording.note ?? options.recordingNote;
    const recorder = recorderFor({ ...options, ...(note ? { recordingNote: note } : {}) });
    return new ReplayClient(recording, options.replay, options.choice, recorder, options.onNotice);
  }
  const apiKey = options.env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) {
    throw new UserError(
      "ANTHROPIC_API_KEY is not set: export ANTHROPIC_API_KEY=<your key> to call the model, " +
        "or answer from a recording with --replay FILE",
      "no-api-key",
    );
  }
  const recorder = recorderFor(options);
  return new LiveClient({
    model: options.choice.model,
    modelSource: options.choice.source,
    apiKey,
    baseURL: options.env.ANTHROPIC_BASE_URL?.trim() || DEFAULT_BASE_URL,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_RETRIES,
    ...(recorder ? { recorder } : {}),
  });
}

function recorderFor(options: ModelClientOptions): Recorder | undefined {
  return options.record ? new Recorder(options.record, options.recordingNote) : undefined;
}
