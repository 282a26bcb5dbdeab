import { UserError } from "../errors.js";
import { type Recorder, type Recording, requestDigest } from "./recording.js";
import type { ModelCall, ModelClient, ModelParams, ModelSource } from "./types.js";
import { callOf } from "./usage.js";

/**
 * Answers from a recording, without network or key. A request is matched by digest; when
 * nothing matches (the prompt, the model or the repository changed since the recording), the
 * next unused answer is given in recorded order and `onNotice` says so.
 */
export class ReplayClient implements ModelClient {
  readonly model: string;
  readonly modelSource: ModelSource;
  private readonly used = new Set<number>();
  private requests = 0;

  constructor(
    private readonly recording: Recording,
    private readonly file: string,
    choice: { model: string; source: ModelSource },
    private readonly recorder?: Recorder,
    private readonly onNotice: (text: string) => void = () => {},
  ) {
    const recorded = recording.calls[0]?.request.model;
    // Without an explicit choice, the recording's model is the one whose answers these are.
    const useRecorded = choice.source === "default" && recorded !== undefined;
    this.model = useRecorded ? recorded : choice.model;
    this.modelSource = useRecorded ? "recording" : choice.source;
  }

  async create(params: ModelParams): Promise<ModelCall> {
    const request = { ...params, model: this.model };
    const digest = requestDigest(request);
    const number = ++this.requests;
    const calls = this.recording.calls;
    let index = calls.findIndex((call, i) => !this.used.has(i) && call.request.digest === digest);
    if (index < 0) {
      index = calls.findIndex((_call, i) => !this.used.has(i));
      if (index < 0) {
        throw new UserError(
          `--replay ${this.file}: no recorded answer left for request ${number} ` +
            `(the recording has ${calls.length}); record it again with --record`,
        );
      }
      this.onNotice(
        `--replay ${this.file}: request ${number} differs from the recorded one ` +
          `(prompt, model or repository changed); answering with recorded answer ${index + 1}`,
      );
    }
    this.used.add(index);
    const call = calls[index]!;
    this.recorder?.add(request, call.response, call.latencyMs);
    return callOf(call.response, call.latencyMs, 0, "replay");
  }
}
