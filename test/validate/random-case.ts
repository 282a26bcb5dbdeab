import fc from "fast-check";
import { RepoGraph } from "../../src/graph/repo-graph.js";
import type { FileNode, ResolvedImport } from "../../src/graph/types.js";
import type { Plan, Task } from "../../src/plan/types.js";

/**
 * Random repositories built from a semantic model (symbols and which symbols each one
 * uses), encoded as the analyzer's `FileNode`s with barrels in between, plus random plans
 * over them. The model, not the encoding, is the oracle's ground truth.
 */
export interface Symbol {
  name: string;
  file: string;
  uses: string[];
}

export interface Barrel {
  path: string;
  /** Files or earlier barrels re-exported whole (`export *`). */
  star: string[];
  /** Symbols re-exported by name (`export { s } from "./f.js"`), from their declaring file. */
  named: string[];
}

export interface Model {
  files: string[];
  barrels: Barrel[];
  symbols: Map<string, Symbol>;
  /** `file\0symbol` → the barrels an import of `symbol` in `file` passes through, in order. */
  routes: Map<string, string[]>;
}

export interface Case {
  model: Model;
  graph: RepoGraph;
  plan: Plan;
}

/**
 * Choices read from a tape of random numbers: fast to generate, and fast-check shrinks a
 * failing tape towards zeros, which reads back as fewer files, symbols and tasks.
 */
export class Tape {
  private at = 0;

  constructor(private readonly values: readonly number[]) {}

  int(min: number, max: number): number {
    const value = this.values[this.at++] ?? 0;
    return min + (value % (max - min + 1));
  }

  bool(): boolean {
    return this.int(0, 1) === 1;
  }

  oneOf<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)]!;
  }

  /** A sub-list of `values`, in their order, with `min`–`max` entries as far as possible. */
  some<T>(values: readonly T[], min: number, max: number): T[] {
    const count = this.int(Math.min(min, values.length), Math.min(max, values.length));
    const rest = [...values.keys()];
    const chosen: number[] = [];
    while (chosen.length < count) chosen.push(...rest.splice(this.int(0, rest.length - 1), 1));
    return chosen.sort((x, y) => x - y).map((i) => values[i]!);
  }
}

/** The tapes property tests draw cases from. */
export const tapes = fc.array(fc.nat(1 << 16), { minLength: 300, maxLength: 300 });

type Gen = Tape;

export function buildCase(g: Gen): Case {
  const model = buildModel(g);
  const graph = new RepoGraph("/virtual", encode(model), [], { notices: [], skippedLinks: [] });
  return { model, graph, plan: buildPlan(g, model) };
}

function buildModel(g: Gen): Model {
  const fileCount = g.int(2, 7);
  const files = range(fileCount).map((i) => `src/f${i}.ts`);
  const symbols = new Map<string, Symbol>();
  files.forEach((file, i) => {
    const count = g.int(1, 3);
    for (let j = 0; j < count; j++)
      symbols.set(`s${i}x${j}`, { name: `s${i}x${j}`, file, uses: [] });
  });
  const names = [...symbols.keys()];
  for (const symbol of symbols.values()) {
    const others = names.filter((n) => n !== symbol.name);
    symbol.uses = g.some(others, 0, 3);
  }
  const barrels: Barrel[] = [];
  const barrelCount = g.int(0, 2);
  for (let b = 0; b < barrelCount; b++) {
    const targets = [...files, ...barrels.map((x) => x.path)];
    const star = g.some(targets, 1, 3);
    const starred = new Set(star.flatMap((t) => exportsOf(t, barrels, symbols)));
    const named = g.some(
      names.filter((n) => !starred.has(n)),
      0,
      2,
    );
    barrels.push({ path: `src/b${b}.ts`, star, named });
  }
  const model: Model = { files, barrels, symbols, routes: new Map() };
  for (const symbol of symbols.values()) {
    for (const used of symbol.uses) {
      const target = symbols.get(used)!;
      const key = `${symbol.file}\0${used}`;
      if (target.file === symbol.file || model.routes.has(key)) continue;
      const carriers = barrels.filter((b) => exportsOf(b.path, barrels, symbols).includes(used));
      const via = g.oneOf([undefined, ...carriers]);
      model.routes.set(key, via ? [via.path, ...innerRoute(via, used, barrels, symbols)] : []);
    }
  }
  return model;
}

/** The names a file or barrel exports. */
export function exportsOf(path: string, barrels: Barrel[], symbols: Map<string, Symbol>): string[] {
  const barrel = barrels.find((b) => b.path === path);
  if (!barrel) return [...symbols.values()].filter((s) => s.file === path).map((s) => s.name);
  return [...barrel.star.flatMap((t) => exportsOf(t, barrels, symbols)), ...barrel.named];
}

/** The barrels below `barrel` that `name` passes through before its declaring file. */
function innerRoute(
  barrel: Barrel,
  name: string,
  barrels: Barrel[],
  symbols: Map<string, Symbol>,
): string[] {
  if (barrel.named.includes(name)) return [];
  const next = barrel.star.find((t) => exportsOf(t, barrels, symbols).includes(name))!;
  const inner = barrels.find((b) => b.path === next);
  return inner ? [inner.path, ...innerRoute(inner, name, barrels, symbols)] : [];
}

function encode(model: Model): Map<string, FileNode> {
  const nodes = new Map<string, FileNode>();
  for (const file of model.files) nodes.set(file, encodeFile(model, file));
  for (const barrel of model.barrels) nodes.set(barrel.path, encodeBarrel(model, barrel));
  return nodes;
}

function encodeFile(model: Model, file: string): FileNode {
  const declared = [...model.symbols.values()].filter((s) => s.file === file);
  const byModule = new Map<string, string[]>();
  for (const symbol of declared) {
    for (const used of symbol.uses) {
      const route = model.routes.get(`${file}\0${used}`);
      if (route === undefined) continue;
      const module = route[0] ?? model.symbols.get(used)!.file;
      const list = byModule.get(module) ?? [];
      if (!list.includes(used)) list.push(used);
      byModule.set(module, list);
    }
  }
  const imports: ResolvedImport[] = [...byModule].map(([module, names], i) => ({
    specifier: specifierOf(module),
    line: i + 1,
    kind: i % 2 === 0 ? "static" : "type",
    names: names.map((name) => ({ name, alias: name })),
    path: module,
  }));
  return {
    path: file,
    status: "parsed",
    imports,
    exports: declared.map((s, i) => ({ name: s.name, kind: "value", line: 50 + i, local: s.name })),
    starExports: [],
    references: Object.fromEntries(declared.map((s) => [s.name, [...s.uses]])),
  };
}

function encodeBarrel(model: Model, barrel: Barrel): FileNode {
  const node: FileNode = {
    path: barrel.path,
    status: "parsed",
    imports: [],
    exports: [],
    starExports: [],
    references: {},
  };
  let line = 1;
  for (const target of barrel.star) {
    const specifier = specifierOf(target);
    node.starExports.push({ specifier, line, path: target });
    node.imports.push({ specifier, line, kind: "re-export", names: [{ name: "*" }], path: target });
    line++;
  }
  for (const name of barrel.named) {
    const target = model.symbols.get(name)!.file;
    const specifier = specifierOf(target);
    node.exports.push({ name, kind: "value", line, from: { specifier, name } });
    node.imports.push({
      specifier,
      line,
      kind: "re-export",
      names: [{ name, alias: name }],
      path: target,
    });
    line++;
  }
  return node;
}

function specifierOf(path: string): string {
  return `./${path.slice("src/".length).replace(/\.ts$/, ".js")}`;
}

/** A plan of 2–7 tasks; often a chain, as small planners write them. */
function buildPlan(g: Gen, model: Model): Plan {
  const count = g.int(2, 7);
  const paths = [...model.files, ...model.barrels.map((b) => b.path)];
  const chain = g.bool();
  const tasks: Task[] = range(count).map((i) => {
    const task: Task = {
      id: String(i + 1),
      title: `task ${i + 1}`,
      reads: [],
      uses: [],
      depends_on: [],
    };
    if (g.int(0, 9) > 0) {
      task.writes = g.some(paths, 1, 2);
      if (g.int(0, 14) === 0) task.writes.push("package.json");
    }
    if (task.writes && g.bool()) {
      const exported = task.writes.flatMap((p) =>
        exportsOf(p, model.barrels, model.symbols).map((n) => `${p}#${n}`),
      );
      task.provides = g.some(exported, 0, 2);
    }
    if (g.int(0, 5) === 0) task.reads = [g.oneOf(paths)];
    if (g.int(0, 5) === 0) {
      const symbol = g.oneOf([...model.symbols.values()]);
      task.uses = [`${symbol.file}#${symbol.name}`];
    }
    if (i > 0) {
      task.depends_on = chain
        ? [String(i)]
        : g.some(
            range(i).map((j) => String(j + 1)),
            0,
            2,
          );
    }
    return task;
  });
  return { version: 1, tasks };
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
