import type {
  ContentBlockParam,
  MessageParam,
  ToolResultBlockParam,
  ToolUseBlock,
} from "@anthropic-ai/sdk/resources/messages";
import { messageOf } from "../../../errors.js";
import type { ModelCall, ModelClient } from "../../../model/index.js";
import type { Task } from "../../../plan/types.js";
import type { Executor, ExecutorResult, ExecutorUsage, Workspace } from "../../types.js";
import { AGENT_TOOLS, AgentTools } from "./tools.js";

/** Model calls per task before the agent is stopped. */
export const DEFAULT_MAX_TURNS = 40;
/** Input plus output tokens per task before the agent is stopped. */
export const DEFAULT_MAX_TOKENS = 400_000;
const MAX_ANSWER_TOKENS = 8192;

export interface AgentOptions {
  client: ModelClient;
  maxTurns?: number;
  maxTokens?: number;
}

/**
 * The built-in agent: a tool loop on the shared model client. It may look at the whole
 * repository but write only the task's `writes`; a refused write goes back to the model with
 * the reason, so it can correct course. Stops at the end of its answer, or at its budget.
 */
export function agentExecutor(options: AgentOptions): Executor {
  return {
    description: { kind: "agent", model: options.client.model },
    run: (task, workspace, signal) => runAgent(task, workspace, signal, options),
  };
}

async function runAgent(
  task: Task,
  workspace: Workspace,
  signal: AbortSignal,
  options: AgentOptions,
): Promise<ExecutorResult> {
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const tools = new AgentTools(workspace.dir, task.writes);
  const usage: ExecutorUsage = { turns: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  const messages: MessageParam[] = [{ role: "user", content: taskMessage(task) }];
  const fail = (reason: string): ExecutorResult => ({ ok: false, reason, usage });

  for (;;) {
    if (signal.aborted) return fail(abortReason(signal));
    if (usage.turns >= maxTurns) return fail(`the agent used its ${maxTurns} turns`);
    if (usage.inputTokens + usage.outputTokens >= maxTokens) {
      return fail(`the agent used its budget of ${maxTokens} tokens`);
    }
    let call: ModelCall;
    try {
      call = await abortable(
        options.client.create({
          system: SYSTEM_PROMPT,
          messages,
          tools: AGENT_TOOLS,
          max_tokens: MAX_ANSWER_TOKENS,
        }),
        signal,
      );
    } catch (error) {
      return fail(
        signal.aborted ? abortReason(signal) : `the model call failed: ${messageOf(error)}`,
      );
    }
    addUsage(usage, call);
    const content = call.message.content;
    for (const block of content) {
      if (block.type === "text" && block.text.trim()) workspace.output("stdout", block.text + "\n");
    }
    messages.push({ role: "assistant", content: content as ContentBlockParam[] });
    const uses = content.filter((block): block is ToolUseBlock => block.type === "tool_use");
    if (uses.length === 0) return finished(call, usage);
    messages.push({ role: "user", content: uses.map((use) => runTool(tools, use, workspace)) });
  }
}

function finished(call: ModelCall, usage: ExecutorUsage): ExecutorResult {
  const stop = call.message.stop_reason;
  if (stop === "end_turn" || stop === "stop_sequence") return { ok: true, usage };
  if (stop === "max_tokens") {
    return { ok: false, reason: "the agent's answer was cut off (max_tokens)", usage };
  }
  return { ok: false, reason: `the agent stopped: ${stop ?? "no reason given"}`, usage };
}

function runTool(tools: AgentTools, use: ToolUseBlock, workspace: Workspace): ToolResultBlockParam {
  const input = (use.input ?? {}) as Record<string, unknown>;
  const result = tools.run(use.name, input);
  const path = typeof input.path === "string" ? ` ${input.path}` : "";
  const first = result.text.split("\n")[0] ?? "";
  workspace.output(result.isError ? "stderr" : "stdout", `> ${use.name}${path}: ${first}\n`);
  return {
    type: "tool_result",
    tool_use_id: use.id,
    content: result.text,
    ...(result.isError ? { is_error: true } : {}),
  };
}

function addUsage(usage: ExecutorUsage, call: ModelCall): void {
  usage.turns++;
  usage.inputTokens += call.usage.inputTokens + call.usage.cacheReadTokens;
  usage.inputTokens += call.usage.cacheWriteTokens;
  usage.outputTokens += call.usage.outputTokens;
  usage.costUsd =
    usage.costUsd === null || call.costUsd === null ? null : usage.costUsd + call.costUsd;
}

/** Settles with the call, or rejects as soon as `signal` aborts (the request is abandoned). */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function abortReason(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : "interrupted";
}

const SYSTEM_PROMPT = [
  "You are a coding agent doing one task of a larger plan, in a checkout of the repository.",
  "Other tasks run at the same time in other checkouts, so change only the files this task",
  "declares it writes; a write anywhere else is refused. Look around with list_files,",
  "read_file and search; change files with write_file and edit_file. Keep to the task.",
  "When the task is done, answer with a one-paragraph summary and no tool call.",
].join("\n");

function taskMessage(task: Task): string {
  const lines = [`Task ${task.id}: ${task.title}`, "", task.prompt ?? task.title, ""];
  lines.push(
    task.writes
      ? `Files you may write: ${task.writes.join(", ") || "(none)"}`
      : "The task did not declare which files it writes; keep changes to what it needs.",
  );
  if (task.reads.length > 0) lines.push(`Files to read first: ${task.reads.join(", ")}`);
  if (task.uses.length > 0) lines.push(`Symbols it relies on: ${task.uses.join(", ")}`);
  return lines.join("\n");
}
