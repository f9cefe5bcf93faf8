// `npm run web -- --db FILE [--port N]`: browser mode on a given workspace. The first line printed
// is the URL to open (token included); explanations go to stderr; expected failures are one
// sentence, never a stack trace.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../cli/cli-types';
import { intFlag, parseArgs, requiredFlag } from '../cli/parse-args';
import { startBrowserMode } from './browser-mode';
import { StartupError } from './startup-error';

const USAGE = 'usage: npm run web -- --db FILE [--port N]   (N = 0 picks a free port; default 0)';
const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function main(argv: string[]): Promise<number> {
  let dbPath: string;
  let port: number;
  try {
    const args = parseArgs(argv, ['db', 'port']);
    if (args.positionals.length > 0)
      throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    dbPath = requiredFlag(args, 'db');
    port = intFlag(args, 'port', 0, 65535) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  try {
    const mode = await startBrowserMode({
      dbPath,
      port,
      rootDir: ROOT_DIR,
      now: Date.now,
      // Nothing before the URL, not even on stderr: scripts and people read the first line.
      note: () => {},
    });
    process.stdout.write(`${mode.server.url}\n`);
    process.stderr.write(
      `Audience Studio is serving ${path.resolve(dbPath)} to your browser on 127.0.0.1 only. ` +
        'Open the address above; Ctrl+C stops it.\n',
    );
    const stop = () => {
      void mode.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1; // keep running
  } catch (err) {
    if (err instanceof StartupError) {
      process.stderr.write(`Audience Studio could not start: ${err.message}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Audience Studio could not start: ${message}\n`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exit(code);
  });
}
