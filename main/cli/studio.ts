// Entry point of `npm run studio -- <command>` (../shared/spec/cli.md).
import { runCli } from './run-cli';

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTty: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
  now: () => Date.now(),
});
process.exitCode = code;
