import { EXIT, type CliCommand } from '../cli-types';

// Placeholder until the owning issue lands this command.
export const membersCommand: CliCommand = {
  name: 'members',
  summary: '(not built yet)',
  usage: 'members',
  async run(_args, io) {
    io.err('studio members: not built yet\n');
    return EXIT.failure;
  },
};
