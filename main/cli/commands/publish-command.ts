import { EXIT, type CliCommand } from '../cli-types';

// Placeholder until the owning issue lands this command.
export const publishCommand: CliCommand = {
  name: 'publish',
  summary: '(not built yet)',
  usage: 'publish',
  async run(_args, io) {
    io.err('studio publish: not built yet\n');
    return EXIT.failure;
  },
};
