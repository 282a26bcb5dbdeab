import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ServiceError } from "../../src/errors.js";
import { analyzeRepo } from "../../src/graph/analyze.js";
import type { RepoGraph } from "../../src/graph/repo-graph.js";
import { createModelClient } from "../../src/model/index.js";
import { buildRepoMap, planGoal, PlanningFailed } from "../../src/plan/planner/index.js";
import { unknownWrites } from "../../src/plan/planner/new-files.js";
import type { Plan } from "../../src/plan/types.js";
import { FIXTURES } from "../helpers/exec.js";
import { type MessagesServer, reply, startMessagesServer } from "../helpers/messages-server.js";

const REPO = `${FIXTURES}/eval/users-api/repo`;
const GOAL = "Add a User type and a user handler that stores users";
const KEY = "sk-ant-test-planner-0123456789";

let graph: RepoGraph;
let server: MessagesServer;

beforeAll(async () => {
  graph = await analyzeRepo(REPO, { cache: false });
});
beforeEach(async () => (server = await startMessagesServer()));
afterEach(async () => await server.close());

function task(id: string, writes: string[], extra: Record<string, unknown> = {}) {
  return {
    id,
    title: `task ${id}`,
    prompt: `Do task ${id}; create the files it writes.`,
    writes,
    reads: [],
    provides: [],
    uses: [],
    depends_on: [],
    ...extra,
  };
}

const GOOD = {
  version: 1,
  goal: GOAL,
  tasks: [
    task("1", ["src/types/user.ts"], { provides: ["src/types/user.ts#User"] }),
    task("2", ["src/handlers/user.ts"], {
      uses: ["src/types/user.ts#User"],
      depends_on: ["1"],
    }),
  ],
};

function plan(repair = 2) {
  const client = createModelClient({
    choice: { model: "claude-haiku-5-5", source: "flag" },
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url },
  });
  return planGoal({ goal: GOAL, graph, client, repair });
}

describe("planGoal against a local Messages API", () => {
  it("sends the model, the dependency rules, the repo map and the output schema", async () => {
    server.script(reply.json(GOOD));
    const result = await plan();

    expect(result.plan.tasks.map((t) => [t.id, t.depends_on])).toEqual([
      ["1", []],
      ["2", ["1"]],
    ]);
    expect(result.plan.goal).toBe(GOAL);
    expect(result.rejected).toEqual([]);
    expect(result.calls).toHaveLength(1);

    const body = server.requests[0]!.body;
    expect(body.model).toBe("claude-haiku-5-5");
    expect(body.system).toContain("B cannot be done correctly without A's result");
    const prompt: string = body.messages[0].content;
    expect(prompt).toContain(`Goal: ${GOAL}`);
    expect(prompt).toMatch(/src\/handlers\/order\.ts — exports getOrder, saveOrder — imports/);
    expect(prompt).toContain("src/types/order.ts — exports Order (type), OrderStatus (type)");
    const schema = body.output_config.format.schema;
    expect(body.output_config.format.type).toBe("json_schema");
    expect(schema.properties.tasks.items.required).toContain("writes");
    // The API rejects length and number limits: the schema sent has none.
    expect(JSON.stringify(schema)).not.toMatch(/minLength|maxLength|maximum|minimum|maxItems/);
  });

  it("sends a plan that breaks the schema back with its problems, and takes the repair", async () => {
    const broken = { ...GOOD, tasks: [{ ...GOOD.tasks[0], title: undefined }, GOOD.tasks[1]] };
    server.script(reply.json(broken), reply.json(GOOD));
    const result = await plan();

    expect(result.rejected).toHaveLength(1);
    expect(result.calls).toHaveLength(2);
    const second = server.requests[1]!.body.messages;
    expect(second).toHaveLength(3);
    expect(second[1]).toEqual({ role: "assistant", content: JSON.stringify(broken) });
    expect(second[2].role).toBe("user");
    expect(second[2].content).toContain('task "1" (tasks[0]).title: required');
    expect(second[2].content).toContain("Answer again with the whole corrected plan as JSON.");
  });

  it("repairs an answer that is not JSON", async () => {
    server.script(reply.text("Here is the plan: {"), reply.json(GOOD));
    const result = await plan();
    expect(result.rejected[0]).toEqual([expect.stringMatching(/^the answer is not valid JSON/)]);
    expect(server.requests[1]!.body.messages[2].content).toContain("not valid JSON");
  });

  it("sends back unknown ids, cycles and paths outside the repository", async () => {
    const bad = {
      ...GOOD,
      tasks: [
        task("1", ["../outside.ts"], { depends_on: ["2"] }),
        task("2", ["src/handlers/user.ts"], { depends_on: ["1", "9"] }),
      ],
    };
    server.script(reply.json(bad), reply.json(GOOD));
    await plan();
    const repair: string = server.requests[1]!.body.messages[2].content;
    expect(repair).toContain('writes[0] "../outside.ts" leaves the repository');
    expect(repair).toContain('depends_on[1] names "9", which is not a task of the plan');
    expect(repair).toMatch(/cycle/);
  });

  it("sends back a file to modify that does not exist, with the file likely meant", async () => {
    const wrong = {
      ...GOOD,
      tasks: [task("1", ["src/helpers/format.ts"], { prompt: "Change formatMoney." })],
    };
    server.script(reply.json(wrong), reply.json(GOOD));
    await plan();
    expect(server.requests[1]!.body.messages[2].content).toContain(
      'task "1": writes "src/helpers/format.ts", which does not exist (did you mean "src/util/format.ts"?)',
    );
  });

  it("gives up with exit 3 and the last problems when repairs run out", async () => {
    const outside = { ...GOOD, tasks: [task("1", ["/etc/passwd"])] };
    server.script(reply.json(outside), reply.json(outside));
    const error = await plan(1).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlanningFailed);
    expect(error).toBeInstanceOf(ServiceError);
    const failed = error as PlanningFailed;
    expect(failed.message).toMatch(/^claude-haiku-5-5 gave no usable plan after 1 repair;/);
    expect(failed.message).toContain('"/etc/passwd" is absolute');
    expect(failed.calls).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });
});

describe("the repository map", () => {
  it("ranks files matching the goal and central files first, within the token budget", () => {
    const full = buildRepoMap(graph, "format dates in the daily report", 10_000);
    expect(full.shown).toHaveLength(graph.files.size);
    expect(full.shown.slice(0, 2).sort()).toEqual(["src/reports/daily.ts", "src/util/format.ts"]);

    const small = buildRepoMap(graph, "format dates in the daily report", 120);
    expect(small.tokens).toBeLessThanOrEqual(120);
    expect(small.shown.length).toBeGreaterThan(0);
    expect(small.shown.length).toBeLessThan(graph.files.size);
    expect(small.shown).toContain("src/util/format.ts");
    expect(small.text).toMatch(/\.\.\. \d+ more files not shown/);
  });
});

describe("files a task writes that do not exist", () => {
  const planWriting = (path: string, prompt: string): Plan => ({
    version: 1,
    tasks: [{ id: "1", title: "t", prompt, writes: [path], reads: [], uses: [], depends_on: [] }],
  });
  const check = (path: string, prompt = "Change it.") =>
    unknownWrites(planWriting(path, prompt), REPO, [...graph.files.keys()]);

  it("accepts existing files and new files in existing or one new directory", () => {
    expect(check("src/util/format.ts")).toEqual([]);
    expect(check("src/types/user.ts")).toEqual([]);
    expect(check("src/auth/session.ts")).toEqual([]);
  });

  it("rejects a guessed name of an existing file, and new files deep in new directories", () => {
    expect(check("src/utils/format.ts")).toEqual([
      expect.stringContaining('(did you mean "src/util/format.ts"?)'),
    ]);
    expect(check("src/features/auth/session.ts")).toEqual([
      expect.stringMatching(
        /writes "src\/features\/auth\/session\.ts", which does not exist; name/,
      ),
    ]);
  });

  it("accepts any new file the task's prompt says it creates", () => {
    expect(check("src/features/auth/session.ts", "Create session.ts for logins.")).toEqual([]);
    expect(check("src/utils/format.ts", "Add a new module src/utils/format.ts.")).toEqual([]);
    expect(check("src/utils/format.ts", "Add formatDate to src/utils/format.ts.")).toHaveLength(1);
  });
});
