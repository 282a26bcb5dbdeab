interface Frame {
  kind: "object" | "array";
  /** The key being read or last read (objects), or the index of the current element. */
  key: string | number;
  expectKey: boolean;
}

/**
 * The line of each task in a plan's JSON text (index in `tasks` → line of its `"id"`, or of
 * its `{` when it has none), so reports can point into the file. Assumes valid JSON.
 */
export function findTaskLines(text: string): number[] {
  const lines: number[] = [];
  const stack: Frame[] = [];
  let line = 1;
  const inTasks = () =>
    stack.length === 2 && stack[0]!.key === "tasks" && stack[1]!.kind === "array";
  const inTask = () => stack.length === 3 && stack[0]!.key === "tasks";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === "\n") line++;
    else if (c === '"') {
      const end = stringEnd(text, i);
      if (top?.kind === "object" && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end + 1)) as string;
        if (inTask() && top.key === "id") lines[stack[1]!.key as number] = line;
      }
      i = end;
    } else if (c === "{" || c === "[") {
      if (c === "{" && inTasks()) lines[stack[1]!.key as number] ??= line;
      stack.push({
        kind: c === "{" ? "object" : "array",
        key: c === "{" ? "" : 0,
        expectKey: true,
      });
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === ":" && top) top.expectKey = false;
    else if (c === "," && top) {
      if (top.kind === "array") top.key = (top.key as number) + 1;
      else top.expectKey = true;
    }
  }
  return lines;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

/** `position 42` in a JSON.parse message → `line 3, column 7`. */
export function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}
