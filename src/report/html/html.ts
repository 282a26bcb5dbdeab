/**
 * Markup that is already safe to put in a page. Only the `html` tag and `trusted` make one,
 * so every string that reaches the page from a plan or a run (titles, paths, reasons) goes
 * through `escapeHtml` on the way.
 */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What may be interpolated: strings and numbers are escaped, markup is kept, lists joined. */
export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

/** A template whose interpolations are escaped for text and for quoted attribute values. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  parts.forEach((part, index) => (out += render(part) + strings[index + 1]!));
  return new Html(out);
}

/** Markup anvil wrote itself (style sheet, script): never pass it data from a plan or run. */
export function trusted(text: string): Html {
  return new Html(text);
}

export function join(parts: readonly Part[], separator = ""): Html {
  return new Html(parts.map(render).join(separator));
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}
