// Shared plumbing of the workspace builder's child processes: progress lines on stderr (at most one
// every 10 s, prefixed with which half is talking) and one JSON result on stdout.

/** generate-files.ts announces each finished demo file on stdout with this prefix. */
export const FILE_LINE_PREFIX = 'file\t';

export function progressLog(
  who: string,
  started: number,
): (text: string, always?: boolean) => void {
  let last = 0;
  return (text, always = false) => {
    const t = performance.now();
    if (!always && t - last < 10_000) return;
    last = t;
    process.stderr.write(`  build ${who}: ${text} (${Math.round((t - started) / 1000)} s)\n`);
  };
}

export function childMain<T>(who: string, run: (args: string[]) => Promise<T>): void {
  const args = process.argv.slice(2);
  if (args.length !== 4 || args.some((a) => !a)) {
    process.stderr.write(`usage: ${who} DIR USERS SEED NOW\n`);
    process.exit(2);
  }
  run(args).then(
    (out) => process.stdout.write(`${JSON.stringify(out)}\n`),
    (e: unknown) => {
      process.stderr.write(
        `build ${who}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exit(1);
    },
  );
}
