// A tiny line logger. Services take one as an argument; the shells give them a file logger in the
// workspace folder. Fields are JSON: callers pass ids and counts, never tokens or user data.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Appends lines to `file`; a log that cannot be written must never take the app down. */
export function createFileLogger(file: string, now: () => number = Date.now): Logger {
  let broken = false;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    broken = true;
  }
  const write = (level: string, message: string, fields?: LogFields) => {
    if (broken) return;
    const line = `${new Date(now()).toISOString()} ${level} ${message}${
      fields ? ' ' + JSON.stringify(fields) : ''
    }\n`;
    try {
      appendFileSync(file, line);
    } catch {
      broken = true;
    }
  };
  return {
    info: (m, f) => write('INFO', m, f),
    warn: (m, f) => write('WARN', m, f),
    error: (m, f) => write('ERROR', m, f),
  };
}

/** The log file that belongs to a workspace: next to it, named after it. */
export function logFileFor(dbPath: string): string {
  const parsed = path.parse(path.resolve(dbPath));
  return path.join(parsed.dir, `${parsed.name}.log`);
}
