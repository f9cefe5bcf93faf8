import { EXIT, type CliCommand } from '../cli-types';

// Placeholder until the owning issue lands this command.
export const connectCommand: CliCommand = {
  name: 'connect',
  summary: '(not built yet)',
  usage: 'connect',
  async run(_args, io) {
    io.err('studio connect: not built yet\n');
    return EXIT.failure;
  },
};
