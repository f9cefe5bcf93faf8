import { EXIT, UsageError, type CliCommand, type CliIo } from './cli-types';
import { commands } from './commands/index';

function helpText(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return (
    'Audience Studio command line\n\nUsage: npm run --silent studio -- <command> [options]\n\nCommands:\n' +
    list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n') +
    '\n\nRun a command with --help for its options.\n'
  );
}

/** Runs one CLI command and returns its exit code; never throws (errors become messages). */
export async function runCli(
  argv: string[],
  io: CliIo,
  list: readonly CliCommand[] = commands,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(helpText(list));
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = list.find((c) => c.name === name);
  if (!command) {
    io.err(`studio: unknown command "${name}"\n\n${helpText(list)}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: studio ${command.usage}\n\n${command.summary}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`studio ${command.name}: ${e.message}\nUsage: studio ${command.usage}\n`);
      return EXIT.usage;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`studio ${command.name}: ${message}\n`);
    if (io.env.AUDIENCE_STUDIO_DEBUG && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return EXIT.failure;
  }
}
