import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type {
  Message,
  MessageCreateParamsNonStreaming,
} from "@anthropic-ai/sdk/resources/messages";
import { UserError } from "../errors.js";

export const RECORDING_FORMAT = "anvil-model-recording";

/**
 * One request and the model's answer. The request is kept only as a digest (and a few counts
 * to read by eye): the file holds what the model said, never what was sent with it (headers,
 * the key), so it can be shared and committed.
 */
export interface RecordedCall {
  request: { digest: string; model: string; messages: number };
  response: Message;
  latencyMs: number;
}

export interface Recording {
  format: typeof RECORDING_FORMAT;
  version: 1;
  /** Free text: where the answers came from (e.g. "hand-written for the README demo"). */
  note?: string;
  calls: RecordedCall[];
}

/** A stable digest of a request: the same model, prompt and settings give the same digest. */
export function requestDigest(params: MessageCreateParamsNonStreaming): string {
  return "sha256:" + createHash("sha256").update(canonicalJson(params)).digest("hex");
}

/** Appends each answered call to a recording file, rewritten whole (atomically) every time. */
export class Recorder {
  private readonly recording: Recording;

  constructor(
    private readonly file: string,
    note?: string,
  ) {
    this.recording = { format: RECORDING_FORMAT, version: 1, ...(note ? { note } : {}), calls: [] };
    mkdirSync(dirname(file), { recursive: true });
    this.save();
  }

  add(params: MessageCreateParamsNonStreaming, response: Message, latencyMs: number): void {
    const request = {
      digest: requestDigest(params),
      model: params.model,
      messages: params.messages.length,
    };
    this.recording.calls.push({ request, response, latencyMs });
    this.save();
  }

  private save(): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.recording, null, 2) + "\n");
    renameSync(temp, this.file);
  }
}

export function readRecording(file: string): Recording {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not JSON";
    throw new UserError(`--replay ${file}: ${reason}`);
  }
  const recording = data as Partial<Recording> | null;
  if (recording?.format !== RECORDING_FORMAT || !Array.isArray(recording.calls)) {
    throw new UserError(
      `--replay ${file}: not an anvil recording (expected "format": "${RECORDING_FORMAT}")`,
    );
  }
  recording.calls.forEach((call, index) => {
    if (!call?.request?.digest || call.response?.type !== "message") {
      throw new UserError(`--replay ${file}: calls[${index}] has no request digest or message`);
    }
  });
  return recording as Recording;
}

/** JSON with object keys sorted at every level, so equal requests serialize equally. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const entries = Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries);
  });
}
