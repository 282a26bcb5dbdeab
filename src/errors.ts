/**
 * The exit-code contract shared by every command (see README, "Exit codes").
 */
export const ExitCode = {
  ok: 0,
  found: 1,
  badInput: 2,
  serviceFailed: 3,
  internal: 4,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad usage or bad input: the user must act. Printed as one line, never with a stack. */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    readonly code = "bad-input",
  ) {
    super(message);
  }
}

/** An outside service (model API, git) failed after retries: the environment must act. */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  constructor(
    message: string,
    readonly code = "service-failed",
  ) {
    super(message);
  }
}

export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UserError) return ExitCode.badInput;
  if (error instanceof ServiceError) return ExitCode.serviceFailed;
  return ExitCode.internal;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
