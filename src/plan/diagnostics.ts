export type Severity = "error" | "warning" | "info";

/**
 * One finding about a plan. Errors stop the command before any analysis; warnings and
 * notes travel with the verdict.
 */
export interface Diagnostic {
  severity: Severity;
  /** Stable rule name, e.g. `unknown-dependency`. */
  code: string;
  /** One line, naming the task and field concerned. */
  message: string;
  /** The task concerned, when there is one. */
  task?: string;
}

/** Collects diagnostics while rules run. */
export class DiagnosticSink {
  readonly all: Diagnostic[] = [];

  error(code: string, message: string, task?: string): void {
    this.push("error", code, message, task);
  }

  warning(code: string, message: string, task?: string): void {
    this.push("warning", code, message, task);
  }

  get errors(): Diagnostic[] {
    return this.all.filter((d) => d.severity === "error");
  }

  private push(severity: Severity, code: string, message: string, task?: string): void {
    this.all.push(
      task === undefined ? { severity, code, message } : { severity, code, message, task },
    );
  }
}

/** `task "3"`, the way every message names a task. */
export function taskName(id: string): string {
  return `task ${JSON.stringify(id)}`;
}
