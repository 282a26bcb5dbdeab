/**
 * Namespaced debug output (`anvil:graph`, `anvil:plan`, ...), enabled by `--debug` or by
 * `ANVIL_DEBUG` / `DEBUG` holding a namespace or a `prefix*` pattern. A disabled logger
 * checks one boolean and formats nothing, so calls may stay on hot paths.
 */
export interface DebugLog {
  (message: string, ...details: unknown[]): void;
  enabled: boolean;
  readonly namespace: string;
}

const loggers: DebugLog[] = [];
let patterns = parsePatterns(process.env.ANVIL_DEBUG ?? process.env.DEBUG ?? "");
let sink: (line: string) => void = (line) => process.stderr.write(line + "\n");

export function createDebug(namespace: string): DebugLog {
  const log = ((message: string, ...details: unknown[]) => {
    if (!log.enabled) return;
    const extra = details.map((d) => (typeof d === "string" ? d : JSON.stringify(d)));
    sink([namespace, message, ...extra].join(" "));
  }) as DebugLog;
  Object.assign(log, { namespace, enabled: isEnabled(namespace) });
  loggers.push(log);
  return log;
}

/** Turns namespaces on (e.g. `anvil:*`), optionally sending the lines somewhere else. */
export function enableDebug(spec: string, write?: (line: string) => void): void {
  patterns = parsePatterns(spec);
  if (write) sink = write;
  for (const log of loggers) log.enabled = isEnabled(log.namespace);
}

function isEnabled(namespace: string): boolean {
  return patterns.some((pattern) => pattern.test(namespace));
}

function parsePatterns(spec: string): RegExp[] {
  return spec
    .split(/[\s,]+/)
    .filter((p) => p.startsWith("anvil") || p === "*")
    .map(
      (p) => new RegExp("^" + p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$"),
    );
}
