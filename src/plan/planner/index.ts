export { answerText, checkAnswer, type AnswerCheck } from "./answer.js";
export { PLAN_OUTPUT_SCHEMA } from "./output-schema.js";
export {
  DEFAULT_REPAIRS,
  planGoal,
  PlanningFailed,
  type PlanGoalOptions,
  type PlannedGoal,
} from "./planner.js";
export { explainPlanner, plannerFacts, type PlannerFacts } from "./report.js";
export { SYSTEM_PROMPT } from "./prompt.js";
export { buildRepoMap, DEFAULT_MAP_TOKENS, type RepoMap } from "./repo-map.js";
