import { EXIT, type CliCommand } from '../cli-types';

// Placeholder until the owning issue lands this command.
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: '(not built yet)',
  usage: 'validate',
  async run(_args, io) {
    io.err('studio validate: not built yet\n');
    return EXIT.failure;
  },
};
