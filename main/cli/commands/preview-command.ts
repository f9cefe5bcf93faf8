import { EXIT, type CliCommand } from '../cli-types';

// Placeholder until the owning issue lands this command.
export const previewCommand: CliCommand = {
  name: 'preview',
  summary: '(not built yet)',
  usage: 'preview',
  async run(_args, io) {
    io.err('studio preview: not built yet\n');
    return EXIT.failure;
  },
};
