import type { Message } from "@anthropic-ai/sdk/resources/messages";
import type { Diagnostic } from "../diagnostics.js";
import { checkPlan } from "../load.js";
import type { Plan } from "../types.js";
import { unknownWrites } from "./new-files.js";

/** A model's answer, judged: a usable plan, or the exact problems to send back. */
export type AnswerCheck =
  { ok: true; plan: Plan; diagnostics: Diagnostic[] } | { ok: false; problems: string[] };

/** The answer's text: the text blocks, without thinking or other blocks. */
export function answerText(message: Message): string {
  return message.content
    .flatMap((block) => (block.type === "text" ? [block.text] : []))
    .join("")
    .trim();
}

/**
 * Parses the answer and applies, in order, the JSON syntax, the plan schema, the plan rules
 * (ids, cycles, paths inside the repository) and the planner's own check on written files.
 */
export function checkAnswer(
  message: Message,
  root: string,
  repoFiles: readonly string[],
): AnswerCheck {
  const text = answerText(message);
  if (message.stop_reason === "max_tokens") {
    return { ok: false, problems: ["the answer was cut off (max_tokens): give a shorter plan"] };
  }
  let value: unknown;
  try {
    value = JSON.parse(stripFence(text));
  } catch (error) {
    const reason = (error as Error).message;
    return { ok: false, problems: [`the answer is not valid JSON (${reason})`] };
  }
  const check = checkPlan(value, root);
  if (!check.ok) return check;
  const problems = unknownWrites(check.plan, root, repoFiles);
  return problems.length > 0 ? { ok: false, problems } : check;
}

/** Structured output gives bare JSON; a model without it may wrap the JSON in a code fence. */
function stripFence(text: string): string {
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n```$/.exec(text);
  return fenced ? fenced[1]! : text;
}
