import type { CliIo } from '../cli-types';

// For CLI tests: an io whose stdout and stderr are kept as the pieces written, not a terminal.

export interface CapturedIo {
  io: CliIo;
  out: string[];
  err: string[];
}

export function captureIo(
  cwd: string,
  opts: { env?: NodeJS.ProcessEnv; now?: () => number } = {},
): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    errIsTty: false,
    env: opts.env ?? {},
    cwd,
    now: opts.now ?? (() => Date.now()),
  };
  return { io, out, err };
}
