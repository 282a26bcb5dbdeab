/** The process as the CLI sees it, so tests can run commands in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout is a terminal (live views, colour). */
  isTTY: boolean;
}

export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  cyan: (text: string) => string;
}

const plain = (text: string) => text;
const PLAIN: Style = {
  bold: plain,
  dim: plain,
  red: plain,
  green: plain,
  yellow: plain,
  cyan: plain,
};

/** Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org). */
export function styleFor(io: Io): Style {
  if (!io.isTTY || io.env.NO_COLOR || io.env.TERM === "dumb") return PLAIN;
  const wrap = (open: number, close: number) => (text: string) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}
