import { createDebug } from "../debug.js";
import { UserError } from "../errors.js";
import type { ReachLevel } from "../graph/reach.js";
import type { RepoGraph } from "../graph/repo-graph.js";
import { type Diagnostic, taskName } from "../plan/diagnostics.js";
import { runRules, STRUCTURE_RULES } from "../plan/rules/index.js";
import type { Plan } from "../plan/types.js";
import { Bitset } from "./bitset.js";
import { describeFinding, describeNone } from "./describe.js";
import { type Finding, Judge } from "./evidence.js";
import { type Footprint, footprintsOf } from "./footprint.js";
import { criticalPath, width } from "./metrics.js";
import { ancestors, planOrder, type Preds } from "./order.js";
import type { EdgeVerdict, PlanMetrics, PlanVerdict } from "./types.js";

const debug = createDebug("anvil:validate");

/**
 * How far import chains count unless `--prune` says otherwise: the level that pruned the
 * most without pruning a genuine dependency on the fixtures and property tests (README,
 * "Choosing the prune level"). `direct` misses types that flow through inferred return
 * types; `file` keeps edges that only share a barrel file.
 */
export const DEFAULT_PRUNE: ReachLevel = "transitive";

export interface ValidateOptions {
  /** How far import chains count (default `DEFAULT_PRUNE`). */
  prune?: ReachLevel;
  /** Findings from loading the plan, carried into the verdict. */
  diagnostics?: readonly Diagnostic[];
}

interface Edge {
  from: number;
  to: number;
}

/** Two tasks the plan leaves unordered although imports or declarations link them. */
interface UnorderedLink {
  first: Footprint;
  second: Footprint;
}

/**
 * Gives every claimed dependency a verdict backed by evidence, prunes what the graph proves
 * unnecessary, and adds the orders the plan needs but would lose (or never had). The result
 * is a fixed point: validating `verdict.plan` again keeps every edge.
 * Throws `UserError` when the plan's ids or dependencies are broken (see `checkPlan`).
 */
export function validatePlan(
  plan: Plan,
  graph: RepoGraph,
  options: ValidateOptions = {},
): PlanVerdict {
  const started = performance.now();
  const level = options.prune ?? DEFAULT_PRUNE;
  checkStructure(plan);
  const tasks = plan.tasks;
  const indexOf = new Map(tasks.map((task, index) => [task.id, index]));
  const claimedPreds = tasks.map((task) => task.depends_on.map((id) => indexOf.get(id)!));
  const order = planOrder(claimedPreds);
  const position = inverse(order);
  const claimed = ancestors(claimedPreds, order);
  const footprints = footprintsOf(tasks, graph);
  const judge = new Judge(graph, level, footprints);
  debug(`footprints of ${tasks.length} tasks`, `${elapsed(started)} ms`);

  const { required, links } = judgePairs(footprints, claimed, position, judge);
  debug("judged every pair", `${elapsed(started)} ms`);
  const finalPreds: number[][] = tasks.map(() => []);
  const edges: EdgeVerdict[] = [];
  const keptAt = new Map<EdgeVerdict, Edge>();
  claimedPreds.forEach((preds, to) => {
    for (const from of preds) {
      const finding = judge.explain(footprints[from]!, footprints[to]!);
      const edge = verdictOf(footprints, from, to, finding, level);
      edges.push(edge);
      if (finding) {
        finalPreds[to]!.push(from);
        keptAt.set(edge, { from, to });
      }
    }
  });
  debug("verdicts of the claimed edges", `${elapsed(started)} ms`);
  const { added, closure } = addMissingOrders(finalPreds, required, order);
  for (const { from, to } of added) {
    const finding = judge.explain(footprints[from]!, footprints[to]!)!;
    edges.push({ ...verdictOf(footprints, from, to, finding, level), verdict: "added" });
  }
  markRedundant(keptAt, finalPreds, closure, tasks);
  debug(`added ${added.length} edges`, `${elapsed(started)} ms`);

  const verdict: PlanVerdict = {
    plan: withDependencies(plan, finalPreds),
    edges,
    diagnostics: [...(options.diagnostics ?? []), ...linkWarnings(links, judge)],
    metrics: metricsOf(claimedPreds, claimed, finalPreds, closure, order),
    prune: level,
  };
  debug(`validated: ${edges.length} edges`, `${elapsed(started)} ms`);
  return verdict;
}

function checkStructure(plan: Plan): void {
  const errors = runRules(plan, STRUCTURE_RULES).filter((d) => d.severity === "error");
  if (errors.length > 0) throw new UserError(errors.map((d) => d.message).join("\n"), "bad-plan");
}

/**
 * Judges every pair of tasks once. A pair the plan orders (directly or through others)
 * that can interact must stay ordered; an unordered pair writing a common file must
 * become ordered (plan order); an unordered pair linked by imports is only reported.
 */
function judgePairs(
  footprints: readonly Footprint[],
  claimed: readonly Bitset[],
  position: readonly number[],
  judge: Judge,
): { required: Bitset[]; links: UnorderedLink[] } {
  const linked = judge.interactions(footprints);
  const after = footprints.map(() => new Bitset(footprints.length));
  claimed.forEach((before, task) => before.forEach((earlier) => after[earlier]!.add(task)));
  // By position in plan order: `required[b]` holds the positions of the tasks b must follow.
  const required = footprints.map(() => new Bitset(footprints.length));
  const links: UnorderedLink[] = [];
  footprints.forEach((fp, j) => {
    const ordered = linked[j]!.clone();
    ordered.keepOnly(claimed[j]!);
    ordered.forEach((i) => required[j]!.add(position[i]!));
    const unordered = linked[j]!.clone();
    unordered.removeAll(claimed[j]!);
    unordered.removeAll(after[j]!);
    unordered.forEach((i) => {
      if (i >= j) return;
      const kind = judge.kind(footprints[i]!, fp);
      if (kind === "same-file") {
        if (position[i]! < position[j]!) required[j]!.add(position[i]!);
        else required[i]!.add(position[j]!);
      } else if (kind === "import" || kind === "declared") {
        links.push({ first: footprints[i]!, second: fp });
      }
    });
  });
  return { required, links };
}

/**
 * Walks the tasks in plan order; for each, links the nearest required predecessor that the
 * kept edges no longer order before it, then the next, and so on. Nearest first, because
 * an edge from a later task also orders everything before that task.
 */
function addMissingOrders(
  finalPreds: number[][],
  required: readonly Bitset[],
  order: readonly number[],
): { added: Edge[]; closure: Bitset[] } {
  const closure = finalPreds.map(() => new Bitset(finalPreds.length));
  const added: Edge[] = [];
  for (const to of order) {
    const before = closure[to]!;
    for (const from of finalPreds[to]!) {
      before.addAll(closure[from]!);
      before.add(from);
    }
    const needed = required[to]!;
    for (let at = needed.previousSetBit(needed.size - 1); at !== -1;) {
      const from = order[at]!;
      at = needed.previousSetBit(at - 1);
      if (before.has(from)) continue;
      finalPreds[to]!.push(from);
      added.push({ from, to });
      before.addAll(closure[from]!);
      before.add(from);
    }
  }
  added.sort((x, y) => x.to - y.to || x.from - y.from);
  return { added, closure };
}

/** A kept edge that another path of the validated plan already implies. */
function markRedundant(
  keptAt: ReadonlyMap<EdgeVerdict, Edge>,
  finalPreds: readonly number[][],
  closure: readonly Bitset[],
  tasks: Plan["tasks"],
): void {
  for (const [edge, { from, to }] of keptAt) {
    const via = finalPreds[to]!.find((p) => p !== from && closure[p]!.has(from));
    if (via === undefined) continue;
    const path = pathBetween(from, via, finalPreds, closure).map((i) =>
      JSON.stringify(tasks[i]!.id),
    );
    edge.verdict = "redundant";
    edge.detail = `already ordered through ${[...path, JSON.stringify(edge.task)].join(" → ")}; ${edge.detail}`;
  }
}

/** Task indices from `from` to `to` along the validated plan's edges (`from` first). */
function pathBetween(
  from: number,
  to: number,
  preds: readonly number[][],
  closure: readonly Bitset[],
): number[] {
  const path = [to];
  let current = to;
  while (current !== from) {
    current = preds[current]!.find((p) => p === from || closure[p]!.has(from))!;
    path.push(current);
  }
  return path.reverse();
}

function verdictOf(
  footprints: readonly Footprint[],
  from: number,
  to: number,
  finding: Finding | undefined,
  level: ReachLevel,
): EdgeVerdict {
  const a = footprints[from]!;
  const b = footprints[to]!;
  const evidence = finding ? describeFinding(finding) : describeNone(b, a, level);
  const edge: EdgeVerdict = {
    task: b.task.id,
    dependsOn: a.task.id,
    verdict: finding ? "kept" : "pruned",
    evidence: evidence.kind,
    detail: evidence.detail,
  };
  if (evidence.chain) edge.chain = evidence.chain;
  if (evidence.settle) edge.settle = evidence.settle;
  return edge;
}

/** Beyond this many, unordered linked pairs are counted in one warning, not each told. */
const LINK_WARNINGS_SHOWN = 100;

function linkWarnings(links: readonly UnorderedLink[], judge: Judge): Diagnostic[] {
  const warnings: Diagnostic[] = links.slice(0, LINK_WARNINGS_SHOWN).map(({ first, second }) => ({
    severity: "warning",
    code: "unordered-link",
    message:
      `${taskName(first.task.id)} and ${taskName(second.task.id)} may run at the same time, ` +
      `but ${describeFinding(judge.explain(first, second)!).detail}; ` +
      "order them if one needs the other's result",
    task: second.task.id,
  }));
  const more = links.length - LINK_WARNINGS_SHOWN;
  if (more > 0) {
    warnings.push({
      severity: "warning",
      code: "unordered-link",
      message: `${more} more pairs of tasks may run at the same time although imports link them`,
    });
  }
  return warnings;
}

function withDependencies(plan: Plan, preds: readonly number[][]): Plan {
  const tasks = plan.tasks.map((task, index) => ({
    ...task,
    depends_on: preds[index]!.map((dep) => plan.tasks[dep]!.id),
  }));
  return { ...plan, tasks };
}

function metricsOf(
  claimedPreds: Preds,
  claimed: readonly Bitset[],
  finalPreds: Preds,
  closure: readonly Bitset[],
  order: readonly number[],
): PlanMetrics {
  const count = (preds: Preds) => preds.reduce((sum, p) => sum + p.length, 0);
  return {
    tasks: claimedPreds.length,
    edgesBefore: count(claimedPreds),
    edgesAfter: count(finalPreds),
    criticalPathBefore: criticalPath(claimedPreds, order),
    criticalPathAfter: criticalPath(finalPreds, order),
    widthBefore: width(claimed),
    widthAfter: width(closure),
  };
}

function inverse(order: readonly number[]): number[] {
  const position = new Array<number>(order.length);
  order.forEach((task, at) => (position[task] = at));
  return position;
}

function elapsed(started: number): string {
  return (performance.now() - started).toFixed(1);
}
