/** A `path#Name` entry of `provides` or `uses`, split. */
export interface PlanSymbol {
  path: string;
  name: string;
}

const NAME = /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*$/u;

/** Splits `src/a.ts#User`; undefined when the entry is not of that form. */
export function parseSymbolRef(entry: string): PlanSymbol | undefined {
  const hash = entry.lastIndexOf("#");
  if (hash <= 0) return undefined;
  const name = entry.slice(hash + 1);
  if (!NAME.test(name)) return undefined;
  return { path: entry.slice(0, hash), name };
}
