import type { CliCommand } from '../cli-types';
import { connectCommand } from './connect-command';
import { connectionsCommand } from './connections-command';
import { demoCommand } from './demo-command';
import { importCommand } from './import-command';
import { membersCommand } from './members-command';
import { previewCommand } from './preview-command';
import { publishCommand } from './publish-command';
import { validateCommand } from './validate-command';

// Every CLI command, in the order `studio --help` lists them. Each lives in its own file.
export const commands: readonly CliCommand[] = [
  demoCommand,
  importCommand,
  previewCommand,
  membersCommand,
  validateCommand,
  connectCommand,
  connectionsCommand,
  publishCommand,
];
