import { EXIT, type CliCommand } from '../cli-types';

// Placeholder until the owning issue lands this command.
export const importCommand: CliCommand = {
  name: 'import',
  summary: '(not built yet)',
  usage: 'import',
  async run(_args, io) {
    io.err('studio import: not built yet\n');
    return EXIT.failure;
  },
};
