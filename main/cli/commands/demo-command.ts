import path from 'node:path';
import {
  createDemoWorkspace,
  DEFAULT_DEMO_USERS,
  type DemoProgress,
} from '../../demo/create-demo-workspace';
import { DEFAULT_DEMO_SEED } from '../../demo/generate-demo-files';
import { EXIT, type CliCommand, type CliIo } from '../cli-types';
import { intFlag, parseArgs, requiredFlag, stringFlag } from '../parse-args';

const MAX_DEMO_USERS = 5_000_000;

function progressLine(p: DemoProgress): string {
  if (p.phase === 'generate') return `generating users ${p.users}/${p.usersTotal}`;
  const pct = p.bytesTotal > 0 ? Math.floor((100 * p.bytesRead) / p.bytesTotal) : 100;
  return `importing ${path.basename(p.file)} ${pct}% (${p.events} events)`;
}

/** Draws one self-overwriting progress line on a terminal, at most every 200 ms. */
function progressPrinter(io: CliIo): { update(p: DemoProgress): void; clear(): void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      if (!io.errIsTty) return;
      const t = io.now();
      if (t - last < 200) return;
      last = t;
      drawn = true;
      io.err(`\r\x1b[2K${progressLine(p)}`);
    },
    clear() {
      if (drawn) io.err('\r\x1b[2K');
    },
  };
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'creates a realistic demo workspace (about 50,000 profiles over the last 90 days)',
  usage: 'demo --db FILE [--users N] [--seed S] [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, ['db', 'users', 'seed', 'json'], ['json']);
    const db = path.resolve(io.cwd, requiredFlag(parsed, 'db'));
    const users = intFlag(parsed, 'users', 1, MAX_DEMO_USERS) ?? DEFAULT_DEMO_USERS;
    const seed = stringFlag(parsed, 'seed') ?? DEFAULT_DEMO_SEED;
    const started = io.now();
    const progress = progressPrinter(io);
    let summary;
    try {
      summary = await createDemoWorkspace(db, {
        users,
        seed,
        now: started,
        onProgress: (p) => progress.update(p),
      });
    } finally {
      progress.clear();
    }
    const ms = io.now() - started;
    const code = summary.rejected.length > 0 ? EXIT.partial : EXIT.ok;
    if (parsed.flags.has('json')) {
      const { importMs: _importMs, now, ...rest } = summary;
      io.out(`${JSON.stringify({ db, ...rest, now: new Date(now).toISOString(), ms })}\n`);
      return code;
    }
    io.out(
      `Demo workspace created in ${db}\n` +
        `  ${summary.profiles} profiles from ${users} app users (seed "${seed}")\n` +
        `  ${summary.events} events in ${summary.batches} batches, ${summary.rows} CRM rows, ` +
        `${summary.duplicates} duplicate events skipped\n` +
        `  ${(ms / 1000).toFixed(1)} s\n`,
    );
    for (const r of summary.rejected.slice(0, 20)) io.err(`rejected ${r.source}: ${r.reason}\n`);
    return code;
  },
};
