import { EXIT, type CliCommand } from '../cli-types';

// Placeholder until the owning issue lands this command.
export const connectionsCommand: CliCommand = {
  name: 'connections',
  summary: '(not built yet)',
  usage: 'connections',
  async run(_args, io) {
    io.err('studio connections: not built yet\n');
    return EXIT.failure;
  },
};
