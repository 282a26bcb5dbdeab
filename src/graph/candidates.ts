import { posix } from "node:path";

const JS_TO_TS: Record<string, string[]> = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx", ".d.ts"],
  ".mjs": [".mts", ".d.mts"],
  ".cjs": [".cts", ".d.cts"],
};
const PROBE_EXTENSIONS = [".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs"];

/** The files a relative path may name, in TypeScript's order of preference. */
export function candidatesFor(base: string): string[] {
  const candidates: string[] = [];
  const ext = posix.extname(base);
  const mapped = JS_TO_TS[ext];
  if (mapped) {
    const stem = base.slice(0, -ext.length);
    for (const replacement of mapped) candidates.push(stem + replacement);
  }
  if (ext) candidates.push(base);
  for (const probe of PROBE_EXTENSIONS) candidates.push(base + probe);
  for (const probe of PROBE_EXTENSIONS) candidates.push(`${base}/index${probe}`);
  return candidates;
}
