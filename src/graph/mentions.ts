/**
 * `name` and every top-level name its declaration mentions, directly or through other
 * top-level declarations of the same file (`references` is a file's map of mentions).
 */
export function mentionClosure(references: Record<string, string[]>, name: string): Set<string> {
  const seen = new Set<string>([name]);
  const stack = [name];
  while (stack.length > 0) {
    for (const next of references[stack.pop()!] ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}
