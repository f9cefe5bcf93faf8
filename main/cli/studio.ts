// Entry point of `npm run studio -- <command>` (../shared/spec/cli.md).
import { runCli } from './run-cli';

// A reader that stops early (`studio members ... | head`) closes the pipe: that is not an error of
// ours, so leave quietly instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTty: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
  now: () => Date.now(),
});
process.exitCode = code;
