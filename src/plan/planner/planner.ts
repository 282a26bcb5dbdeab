import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { createDebug } from "../../debug.js";
import { ServiceError } from "../../errors.js";
import type { RepoGraph } from "../../graph/repo-graph.js";
import type { ModelCall, ModelClient } from "../../model/index.js";
import type { Diagnostic } from "../diagnostics.js";
import type { Plan } from "../types.js";
import { answerText, checkAnswer } from "./answer.js";
import { PLAN_OUTPUT_SCHEMA } from "./output-schema.js";
import { firstMessage, repairMessage, SYSTEM_PROMPT } from "./prompt.js";
import { buildRepoMap, DEFAULT_MAP_TOKENS, type RepoMap } from "./repo-map.js";

const log = createDebug("anvil:plan");

export const DEFAULT_REPAIRS = 2;
/** Room for adaptive thinking plus a plan of a few dozen tasks. */
const MAX_OUTPUT_TOKENS = 16_000;

export interface PlanGoalOptions {
  goal: string;
  graph: RepoGraph;
  client: ModelClient;
  /** How many times a rejected answer goes back to the model with its problems. */
  repair?: number;
  /** Token budget of the repository map in the prompt. */
  mapTokens?: number;
}

export interface PlannedGoal {
  plan: Plan;
  /** Warnings of the plan rules about the accepted plan. */
  diagnostics: Diagnostic[];
  map: RepoMap;
  calls: ModelCall[];
  /** The problems of each rejected answer, in order: one entry per repair asked for. */
  rejected: string[][];
}

/** The model gave no usable plan within the repairs allowed: exit 3, with what went wrong. */
export class PlanningFailed extends ServiceError {
  constructor(
    readonly model: string,
    readonly calls: ModelCall[],
    readonly rejected: string[][],
  ) {
    const last = rejected.at(-1) ?? [];
    const repairs = rejected.length - 1;
    super(
      `${model} gave no usable plan after ${repairs} repair${repairs === 1 ? "" : "s"}; ` +
        `the last answer's problems:\n` +
        last.map((p) => `  ${p}`).join("\n"),
      "model-plan-unusable",
    );
  }
}

/**
 * Asks the model for a plan of `goal` over the repository map, checks each answer (JSON,
 * schema, plan rules, written files) and sends a rejected one back with its exact problems,
 * up to `repair` times.
 */
export async function planGoal(options: PlanGoalOptions): Promise<PlannedGoal> {
  const { goal, graph, client } = options;
  const map = buildRepoMap(graph, goal, options.mapTokens ?? DEFAULT_MAP_TOKENS);
  log(`repo map: ${map.shown.length}/${map.totalFiles} files, ~${map.tokens} tokens`);
  const repoFiles = [...graph.files.keys(), ...graph.projectFiles];
  const messages: MessageParam[] = [{ role: "user", content: firstMessage(goal, map) }];
  const calls: ModelCall[] = [];
  const rejected: string[][] = [];
  const rounds = 1 + (options.repair ?? DEFAULT_REPAIRS);
  for (let round = 1; round <= rounds; round++) {
    const call = await client.create({
      system: SYSTEM_PROMPT,
      messages: [...messages],
      max_tokens: MAX_OUTPUT_TOKENS,
      output_config: { format: { type: "json_schema", schema: PLAN_OUTPUT_SCHEMA } },
    });
    calls.push(call);
    if (call.message.stop_reason === "refusal") {
      throw new ServiceError(`${client.model} declined to plan this goal`, "model-refusal");
    }
    const check = checkAnswer(call.message, graph.root, repoFiles);
    if (check.ok) {
      const plan = { ...check.plan, goal };
      return { plan, diagnostics: check.diagnostics, map, calls, rejected };
    }
    log(`answer ${round} rejected: ${check.problems.join(" | ")}`);
    rejected.push(check.problems);
    messages.push({ role: "assistant", content: answerText(call.message) || "(empty answer)" });
    messages.push({ role: "user", content: repairMessage(check.problems) });
  }
  throw new PlanningFailed(client.model, calls, rejected);
}
