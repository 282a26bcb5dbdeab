import { ts, type Ts } from "./typescript.js";
import type { FileFacts, ImportFact, ImportedName, SymbolKind } from "./types.js";

/** The pseudo-name under which top-level statements that declare nothing record what they mention. */
export const MODULE_BODY = "__module";

/** The pseudo-name under which `export default <expression>` records what it mentions. */
export const DEFAULT_EXPRESSION = "__default";

/**
 * Extracts imports, exports and top-level references from one file's syntax tree. Syntax only:
 * no program, no type checker, and the tree is dropped when this returns.
 */
export function parseFile(fileName: string, text: string): FileFacts {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    false,
    kindOf(fileName),
  );
  const facts: FileFacts = {
    imports: [],
    exports: [],
    starExports: [],
    references: {},
    parseErrors: parseErrorsOf(source),
  };
  const ctx: Context = { source, facts, declared: new Map(), handled: new Set() };
  for (const statement of source.statements) visitStatement(ctx, statement);
  if (/\b(?:import|require)\s*\(/.test(text)) findCalls(ctx, source);
  for (const reference of source.referencedFiles) addReferencePath(ctx, reference);
  facts.references = collectReferences(ctx, text);
  return facts;
}

interface Context {
  source: Ts.SourceFile;
  facts: FileFacts;
  /** Top-level names declared in the file → the statements that declare them. */
  declared: Map<string, Ts.Node[]>;
  /** `require` calls already recorded with their destructured names. */
  handled: Set<Ts.Node>;
}

function visitStatement(ctx: Context, node: Ts.Statement): void {
  if (ts.isImportDeclaration(node)) return addImport(ctx, node);
  if (ts.isExportDeclaration(node)) return addExportDeclaration(ctx, node);
  if (ts.isExportAssignment(node)) return addExportAssignment(ctx, node);
  if (ts.isImportEqualsDeclaration(node)) return addImportEquals(ctx, node);
  if (ts.isExpressionStatement(node) && addCommonJsExport(ctx, node)) return;
  const names = declaredNames(node);
  const exported = hasModifier(node, ts.SyntaxKind.ExportKeyword);
  if (names.length === 0 && !exported && !ts.isEmptyStatement(node)) {
    declare(ctx, MODULE_BODY, node);
  }
  for (const name of names) declare(ctx, name, node);
  if (ts.isVariableStatement(node)) addRequireBindings(ctx, node);
  if (!exported) return;
  const isDefault = hasModifier(node, ts.SyntaxKind.DefaultKeyword);
  const kind = symbolKindOf(node);
  const line = lineOf(ctx, node);
  for (const name of declaredNames(node)) {
    ctx.facts.exports.push({ name: isDefault ? "default" : name, kind, line, local: name });
  }
  if (isDefault && declaredNames(node).length === 0) {
    declare(ctx, DEFAULT_EXPRESSION, node);
    ctx.facts.exports.push({ name: "default", kind, line, local: DEFAULT_EXPRESSION });
  }
}

function addImport(ctx: Context, node: Ts.ImportDeclaration): void {
  if (!ts.isStringLiteral(node.moduleSpecifier)) return;
  const clause = node.importClause;
  const names: ImportedName[] = [];
  const typeOnlyClause = clause?.isTypeOnly ?? false;
  if (clause?.name) names.push(named("default", clause.name.text, typeOnlyClause));
  const bindings = clause?.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    names.push(named("*", bindings.name.text, typeOnlyClause));
  } else if (bindings) {
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      names.push(named(imported, element.name.text, typeOnlyClause || element.isTypeOnly));
    }
  }
  const kind = !clause ? "side-effect" : names.every((n) => n.typeOnly) ? "type" : "static";
  pushImport(ctx, node, node.moduleSpecifier.text, kind, names);
}

function addExportDeclaration(ctx: Context, node: Ts.ExportDeclaration): void {
  const line = lineOf(ctx, node);
  const clause = node.exportClause;
  const specifier =
    node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
      ? node.moduleSpecifier.text
      : undefined;
  const typeOnly = node.isTypeOnly;
  if (specifier === undefined) {
    if (!clause || !ts.isNamedExports(clause)) return;
    for (const element of clause.elements) {
      const local = (element.propertyName ?? element.name).text;
      const kind = typeOnly || element.isTypeOnly ? "type" : "value";
      ctx.facts.exports.push({ name: element.name.text, kind, line, local });
    }
    return;
  }
  if (!clause) {
    ctx.facts.starExports.push({ specifier, line });
    pushImport(ctx, node, specifier, "re-export", [named("*", undefined, typeOnly)]);
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    const kind: SymbolKind = typeOnly ? "type" : "value";
    ctx.facts.exports.push({ name: clause.name.text, kind, line, from: { specifier, name: "*" } });
    pushImport(ctx, node, specifier, "re-export", [named("*", clause.name.text, typeOnly)]);
    return;
  }
  const names: ImportedName[] = [];
  for (const element of clause.elements) {
    const imported = (element.propertyName ?? element.name).text;
    const elementTypeOnly = typeOnly || element.isTypeOnly;
    names.push(named(imported, element.name.text, elementTypeOnly));
    ctx.facts.exports.push({
      name: element.name.text,
      kind: elementTypeOnly ? "type" : "value",
      line,
      from: { specifier, name: imported },
    });
  }
  pushImport(ctx, node, specifier, "re-export", names);
}

function addExportAssignment(ctx: Context, node: Ts.ExportAssignment): void {
  const name = node.isExportEquals ? "export=" : "default";
  const expression = node.expression;
  const local = ts.isIdentifier(expression) ? expression.text : DEFAULT_EXPRESSION;
  if (local === DEFAULT_EXPRESSION) declare(ctx, DEFAULT_EXPRESSION, node);
  ctx.facts.exports.push({ name, kind: "value", line: lineOf(ctx, node), local });
}

function addImportEquals(ctx: Context, node: Ts.ImportEqualsDeclaration): void {
  const reference = node.moduleReference;
  if (!ts.isExternalModuleReference(reference)) {
    declare(ctx, node.name.text, node);
    return;
  }
  if (!ts.isStringLiteral(reference.expression)) return;
  const names = [named("*", node.name.text, node.isTypeOnly)];
  pushImport(ctx, node, reference.expression.text, node.isTypeOnly ? "type" : "require", names);
  if (hasModifier(node, ts.SyntaxKind.ExportKeyword)) {
    const line = lineOf(ctx, node);
    ctx.facts.exports.push({ name: node.name.text, kind: "value", line, local: node.name.text });
  }
}

/** `module.exports = x`, `module.exports.a = x` and `exports.a = x` in CommonJS files. */
function addCommonJsExport(ctx: Context, node: Ts.ExpressionStatement): boolean {
  const expression = node.expression;
  if (!ts.isBinaryExpression(expression)) return false;
  if (expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = expression.left.getText(ctx.source);
  const match = /^(?:module\.exports|exports)(?:\.([A-Za-z_$][\w$]*))?$/.exec(target);
  if (!match || (target === "exports" && !match[1])) return false;
  const name = match[1] ?? "default";
  const local = `__cjs_${name}`;
  declare(ctx, local, node);
  ctx.facts.exports.push({ name, kind: "value", line: lineOf(ctx, node), local });
  return true;
}

/** `const { a, b } = require("x")` imports `a` and `b`; `const x = require("x")` all of it. */
function addRequireBindings(ctx: Context, node: Ts.VariableStatement): void {
  for (const declaration of node.declarationList.declarations) {
    const call = declaration.initializer;
    if (!call || !isRequireCall(call)) continue;
    const specifier = (call.arguments[0] as Ts.StringLiteral).text;
    const binding = declaration.name;
    const names = ts.isObjectBindingPattern(binding)
      ? binding.elements.map((element) => {
          const property = element.propertyName ?? element.name;
          const imported = ts.isIdentifier(property) ? property.text : "*";
          const alias = ts.isIdentifier(element.name) ? element.name.text : undefined;
          return named(imported, alias, false);
        })
      : [named("*", ts.isIdentifier(binding) ? binding.text : undefined, false)];
    pushImport(ctx, call, specifier, "require", names);
    ctx.handled.add(call);
  }
}

/** Dynamic `import()`, `require()` and `import("x").T` anywhere in the file. */
function findCalls(ctx: Context, root: Ts.Node): void {
  const visit = (node: Ts.Node): void => {
    if (ts.isCallExpression(node) && !ctx.handled.has(node)) {
      const argument = node.arguments[0];
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && argument) {
        if (ts.isStringLiteralLike(argument)) {
          pushImport(ctx, node, argument.text, "dynamic", [named("*", undefined, false)]);
        }
      } else if (isRequireCall(node)) {
        const specifier = (argument as Ts.StringLiteral).text;
        pushImport(ctx, node, specifier, "require", [named("*", undefined, false)]);
      }
    } else if (ts.isImportTypeNode(node)) {
      const literal = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
      if (literal && ts.isStringLiteral(literal)) {
        const first = node.qualifier ? firstIdentifier(node.qualifier) : "*";
        pushImport(ctx, node, literal.text, "type", [named(first, undefined, true)]);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
}

/** `/// <reference path="x.d.ts" />`: the file's declarations, with no import to name them. */
function addReferencePath(ctx: Context, reference: Ts.FileReference): void {
  const path = reference.fileName;
  const specifier = /^\.{0,2}\//.test(path) ? path : `./${path}`;
  const line = ctx.source.getLineAndCharacterOfPosition(reference.pos).line + 1;
  ctx.facts.imports.push({ specifier, line, kind: "type", names: [named("*", undefined, true)] });
}

/**
 * For each top-level name, the other top-level names and import bindings that its
 * declaration's text mentions. A text search over-approximates (comments and strings count),
 * which only ever adds links: the safe direction for proving independence.
 */
function collectReferences(ctx: Context, text: string): Record<string, string[]> {
  const candidates = new Set<string>(ctx.declared.keys());
  for (const fact of ctx.facts.imports) {
    for (const name of fact.names) if (name.alias) candidates.add(name.alias);
  }
  const spans = declarationSpans(ctx);
  const found = new Map<string, Set<string>>();
  for (const name of ctx.declared.keys()) found.set(name, new Set());
  // One native substring search per candidate is far cheaper than tokenizing every
  // declaration, since a file has few candidates and much text.
  for (const candidate of candidates) {
    for (let at = text.indexOf(candidate); at !== -1; at = text.indexOf(candidate, at + 1)) {
      if (!isWordAt(text, at, candidate.length)) continue;
      const span = spanAt(spans, at);
      if (!span) continue;
      for (const name of span.names) if (name !== candidate) found.get(name)?.add(candidate);
    }
  }
  const references: Record<string, string[]> = {};
  for (const [name, words] of found) references[name] = [...words];
  // Top-level code runs when the module loads, so whatever it mentions can change what any
  // export does: every declaration is taken to depend on it.
  if (found.has(MODULE_BODY)) {
    for (const name of found.keys()) if (name !== MODULE_BODY) references[name]!.push(MODULE_BODY);
  }
  return references;
}

interface Span {
  pos: number;
  end: number;
  names: string[];
}

/** The text ranges of the declarations, sorted, each with the names it declares. */
function declarationSpans(ctx: Context): Span[] {
  const byNode = new Map<Ts.Node, string[]>();
  for (const [name, nodes] of ctx.declared) {
    for (const node of nodes) {
      const names = byNode.get(node);
      if (names) names.push(name);
      else byNode.set(node, [name]);
    }
  }
  return [...byNode]
    .map(([node, names]) => ({ pos: node.pos, end: node.end, names }))
    .sort((a, b) => a.pos - b.pos);
}

function spanAt(spans: Span[], at: number): Span | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = spans[middle]!;
    if (at < span.pos) high = middle - 1;
    else if (at >= span.end) low = middle + 1;
    else return span;
  }
  return undefined;
}

function isWordAt(text: string, at: number, length: number): boolean {
  return !isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + length));
}

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 36 ||
    code === 95 ||
    code > 127
  );
}

function pushImport(
  ctx: Context,
  node: Ts.Node,
  specifier: string,
  kind: ImportFact["kind"],
  names: ImportedName[],
): void {
  ctx.facts.imports.push({ specifier, line: lineOf(ctx, node), kind, names });
}

function declare(ctx: Context, name: string, node: Ts.Node): void {
  const nodes = ctx.declared.get(name);
  if (nodes) nodes.push(node);
  else ctx.declared.set(name, [node]);
}

function named(name: string, alias: string | undefined, typeOnly: boolean): ImportedName {
  const result: ImportedName = { name };
  if (alias !== undefined) result.alias = alias;
  if (typeOnly) result.typeOnly = true;
  return result;
}

function declaredNames(node: Ts.Statement): string[] {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  }
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isEnumDeclaration(node)
  ) {
    return node.name ? [node.name.text] : [];
  }
  if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name)) return [node.name.text];
  return [];
}

function bindingNames(name: Ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) =>
    ts.isOmittedExpression(element) ? [] : bindingNames(element.name),
  );
}

function symbolKindOf(node: Ts.Statement): SymbolKind {
  return ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) ? "type" : "value";
}

function hasModifier(node: Ts.Node, kind: Ts.SyntaxKind): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((m) => m.kind === kind) ?? false;
}

function isRequireCall(node: Ts.Node): node is Ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const [argument] = node.arguments;
  return (
    ts.isIdentifier(node.expression) &&
    node.expression.text === "require" &&
    node.arguments.length === 1 &&
    argument !== undefined &&
    ts.isStringLiteralLike(argument)
  );
}

function firstIdentifier(name: Ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : firstIdentifier(name.left);
}

function lineOf(ctx: Context, node: Ts.Node): number {
  return ctx.source.getLineAndCharacterOfPosition(node.getStart(ctx.source)).line + 1;
}

function parseErrorsOf(source: Ts.SourceFile): FileFacts["parseErrors"] {
  // The parser's diagnostics are not part of the public surface, but they are the only
  // record of syntax errors short of building a whole program.
  const diagnostics = (source as unknown as { parseDiagnostics?: Ts.Diagnostic[] })
    .parseDiagnostics;
  return (diagnostics ?? []).slice(0, 5).map((d) => ({
    line: source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
    message: ts.flattenDiagnosticMessageText(d.messageText, " "),
  }));
}

function kindOf(fileName: string): Ts.ScriptKind {
  if (/\.[mc]?tsx$/.test(fileName) || fileName.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (/\.[mc]?ts$/.test(fileName)) return ts.ScriptKind.TS;
  if (fileName.endsWith(".jsx")) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}
