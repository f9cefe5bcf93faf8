// The headless command line (../shared/spec/cli.md). Each command is one file in commands/ that
// exports a CliCommand; studio.ts only dispatches.

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, failure: 1, usage: 2, partial: 3 } as const;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress lines are drawn only then). */
  errIsTty: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now(): number;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A usage mistake: printed with the command's usage line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
