import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Writes a deterministic TypeScript repository shaped like a layered monorepo: areas of 50
 * modules, each module 20 files (a root barrel, `types.ts`, three folders of one barrel and
 * five leaf files). Leaf files import siblings, type-only from other folders, and earlier
 * modules through the `@gen/*` path alias (barrels, namespace re-exports, deep imports).
 */
export const FILES_PER_MODULE = 20;
const MODULES_PER_AREA = 50;
const FOLDERS = ["models", "services", "utils"];
const LEAVES_PER_FOLDER = 5;
const NOUNS = ["Order", "Invoice", "Account", "Session", "Ledger", "Payment", "Cart", "Route"];
const MORE_NOUNS = ["Widget", "Report", "Token", "Channel", "Quota", "Profile", "Batch", "Asset"];
const ALL_NOUNS = [...NOUNS, ...MORE_NOUNS];
const VERBS = ["parse", "format", "validate", "merge", "load", "score", "normalize", "summarize"];

export function generateRepo(dir, count, seed = 42) {
  const random = mulberry32(seed);
  const modules = Math.ceil(count / FILES_PER_MODULE);
  const shapes = Array.from({ length: modules }, (_, m) => moduleShape(m, random));
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write("package.json", JSON.stringify({ name: `gen-${count}`, private: true, type: "module" }));
  write("tsconfig.json", JSON.stringify(TSCONFIG, null, 2));
  for (const shape of shapes) {
    write(`${shape.path}/index.ts`, rootBarrel(shape));
    write(`${shape.path}/types.ts`, typesFile(shape));
    for (const folder of FOLDERS) {
      write(`${shape.path}/${folder}/index.ts`, folderBarrel(shape, folder));
      for (const leaf of shape.leaves.filter((l) => l.folder === folder)) {
        write(`${shape.path}/${folder}/${leaf.file}.ts`, leafFile(shape, leaf, shapes, random));
      }
    }
  }
  // The file whose edit the benchmark times: mid-repo, importing and imported.
  const middle = shapes[Math.floor(modules / 2)];
  const editTarget = `${middle.path}/models/${middle.leaves[2].file}.ts`;
  return { files: modules * FILES_PER_MODULE, editTarget };
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    strict: true,
    baseUrl: ".",
    paths: { "@gen/*": ["src/*"] },
  },
  include: ["src"],
};

function moduleShape(m, random) {
  const area = `a${String(Math.floor(m / MODULES_PER_AREA)).padStart(2, "0")}`;
  const name = `m${String(m).padStart(4, "0")}`;
  const leaves = FOLDERS.flatMap((folder, f) =>
    Array.from({ length: LEAVES_PER_FOLDER }, (_, i) => {
      const letter = String.fromCharCode(97 + f * LEAVES_PER_FOLDER + i);
      const entity = `${pick(ALL_NOUNS, random)}${m}${letter}`;
      return { folder, index: i, entity, file: kebab(entity) };
    }),
  );
  return { m, area, name, path: `src/${area}/${name}`, alias: `@gen/${area}/${name}`, leaves };
}

function rootBarrel(shape) {
  const util = shape.leaves.find((l) => l.folder === "utils");
  return [
    `export * from "./models/index.js";`,
    `export * from "./services/index.js";`,
    `export * as utils from "./utils/index.js";`,
    `export type { ${shape.name}Config, ${shape.name}Status } from "./types.js";`,
    `export { create${util.entity} as make${util.entity} } from "./utils/${util.file}.js";`,
    "",
  ].join("\n");
}

function folderBarrel(shape, folder) {
  const leaves = shape.leaves.filter((l) => l.folder === folder);
  if (folder !== "services") return leaves.map((l) => `export * from "./${l.file}.js";\n`).join("");
  return leaves
    .map((l) => {
      const from = `"./${l.file}.js"`;
      return `export { ${l.entity}, create${l.entity} } from ${from};\nexport type { ${l.entity}Options } from ${from};\n`;
    })
    .join("");
}

function typesFile(shape) {
  const model = shape.leaves[0];
  return [
    `import type { ${model.entity}Options } from "./models/${model.file}.js";`,
    "",
    `export type ${shape.name}Status = "idle" | "busy" | "failed";`,
    "",
    `export interface ${shape.name}Config {`,
    `  name: string;`,
    `  status: ${shape.name}Status;`,
    `  defaults: ${model.entity}Options;`,
    `}`,
    "",
  ].join("\n");
}

function leafFile(shape, leaf, shapes, random) {
  const imports = [];
  const uses = [];
  const siblings = shape.leaves.filter((l) => l.folder === leaf.folder && l.index < leaf.index);
  for (const sibling of siblings.slice(-2)) {
    imports.push(`import { create${sibling.entity} } from "./${sibling.file}.js";`);
    uses.push(`create${sibling.entity}({ id: options.id, count: 1 })`);
  }
  if (leaf.folder !== "models") {
    const model = shape.leaves[Math.floor(random() * LEAVES_PER_FOLDER)];
    imports.push(`import type { ${model.entity}Options } from "../models/${model.file}.js";`);
    uses.push(`({ id: "x", count: 0 }) satisfies ${model.entity}Options`);
  }
  for (const target of earlierModules(shape.m, shapes, random)) {
    const [line, use] = crossImport(target, random);
    imports.push(line);
    uses.push(use);
  }
  return [...imports, "", ...body(leaf, uses, random)].join("\n");
}

function earlierModules(m, shapes, random) {
  if (m === 0) return [];
  const picks = new Set();
  const wanted = 1 + Math.floor(random() * 3);
  for (let i = 0; i < wanted; i++) picks.add(Math.max(0, m - 1 - Math.floor(random() * 30)));
  return [...picks].map((p) => shapes[p]);
}

/** One import of an earlier module, in one of the forms real code uses, and a use of it. */
function crossImport(target, random) {
  const model = target.leaves[Math.floor(random() * LEAVES_PER_FOLDER)];
  const service = target.leaves[LEAVES_PER_FOLDER + Math.floor(random() * LEAVES_PER_FOLDER)];
  const util = target.leaves.find((l) => l.folder === "utils");
  const alias = target.alias;
  const use = (name) => `${name}({ id: options.id, count: 2 })`;
  switch (Math.floor(random() * 6)) {
    case 0:
      return [
        `import type { ${model.entity}Options } from "${alias}";`,
        `({ id: "y", count: 1 }) satisfies ${model.entity}Options`,
      ];
    case 1:
      return [`import { utils as ${target.name}Utils } from "${alias}";`, `${target.name}Utils`];
    case 2:
      return [`import { make${util.entity} } from "${alias}";`, use(`make${util.entity}`)];
    case 3: {
      const deep = `${alias}/models/${model.file}.js`;
      return [`import { create${model.entity} } from "${deep}";`, use(`create${model.entity}`)];
    }
    default:
      return [
        `import { create${service.entity}, create${model.entity} } from "${alias}";`,
        `[${use(`create${service.entity}`)}, ${use(`create${model.entity}`)}]`,
      ];
  }
}

function body(leaf, uses, random) {
  const e = leaf.entity;
  const lines = [
    `export type ${e}Kind = "draft" | "active" | "archived";`,
    "",
    `export interface ${e}Options {`,
    `  id: string;`,
    `  count: number;`,
    `  kind?: ${e}Kind;`,
    `  tags?: readonly string[];`,
    `}`,
    "",
    `export class ${e} {`,
    `  private readonly history: ${e}Kind[] = [];`,
    "",
    `  constructor(readonly options: ${e}Options) {}`,
    "",
    `  get size(): number {`,
    `    return this.options.count + this.history.length;`,
    `  }`,
    "",
    `  advance(next: ${e}Kind): this {`,
    `    this.history.push(next);`,
    `    return this;`,
    `  }`,
    `}`,
    "",
    `export function create${e}(options: ${e}Options): ${e} {`,
    `  const links: unknown[] = [${uses.length > 0 ? "" : "options"}];`,
    ...uses.map((u) => `  links.push(${u});`),
    `  return new ${e}({ ...options, tags: links.map(String) });`,
    `}`,
  ];
  const helpers = 1 + Math.floor(random() * 5);
  for (let i = 0; i < helpers; i++) lines.push("", ...helper(e, VERBS[i % VERBS.length], i));
  lines.push("");
  return lines;
}

function helper(e, verb, i) {
  return [
    `/** ${verb} for ${e}: keeps the order of the input and drops empty entries. */`,
    `export function ${verb}${e}(items: readonly ${e}[], limit = ${10 + i}): ${e}[] {`,
    `  const kept: ${e}[] = [];`,
    `  for (const item of items) {`,
    `    if (item.size === 0) continue;`,
    `    kept.push(item.advance(item.size > limit ? "archived" : "active"));`,
    `    if (kept.length >= limit) break;`,
    `  }`,
    `  return kept;`,
    `}`,
  ];
}

function kebab(name) {
  return name.replace(/([a-z])([A-Z0-9])/g, "$1-$2").toLowerCase();
}

function pick(list, random) {
  return list[Math.floor(random() * list.length)];
}

/** A small seeded PRNG, so every machine generates the same repository. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
