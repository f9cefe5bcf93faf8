import type { CliCommand } from '../cli-types';

// Every CLI command, in the order `studio --help` lists them. Each lives in its own file.
export const commands: readonly CliCommand[] = [];
