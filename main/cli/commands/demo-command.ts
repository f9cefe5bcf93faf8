import { EXIT, type CliCommand } from '../cli-types';

// Placeholder until the owning issue lands this command.
export const demoCommand: CliCommand = {
  name: 'demo',
  summary: '(not built yet)',
  usage: 'demo',
  async run(_args, io) {
    io.err('studio demo: not built yet\n');
    return EXIT.failure;
  },
};
