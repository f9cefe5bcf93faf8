import { openCache } from '../../cache/open-cache';
import { importFiles } from '../../import/import-files';
import {
  ImportBusyError,
  ImportInputError,
  type ImportProgress,
  type ImportSummary,
} from '../../import/import-types';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../cli-types';
import { parseArgs, requiredFlag } from '../parse-args';

// `import --db FILE [--json] PATH...` (../shared/spec/cli.md): exit 0 when everything imported,
// 3 when some records were rejected (the rest imported), 2 when a file cannot be taken at all.

const plural = (n: number, word: string, many = `${word}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

function progressLine(p: ImportProgress): string {
  const pct =
    p.bytesTotal > 0 ? Math.min(100, Math.floor((p.bytesRead / p.bytesTotal) * 100)) : 100;
  return `\r${p.file}: ${pct}% (${plural(p.events, 'event')})\u001b[K`;
}

function humanSummary(s: ImportSummary): string {
  const lines = [
    `Read ${plural(s.batches, 'batch', 'batches')}` +
      ` and ${plural(s.rows, 'CSV row')}: ${plural(s.events, 'new event')}, ` +
      `${plural(s.duplicates, 'duplicate')} skipped; ${plural(s.profiles, 'profile')} in the workspace.`,
  ];
  if (s.rejected.length > 0) {
    lines.push(`Rejected ${plural(s.rejected.length, 'record')} (everything else was imported):`);
    for (const r of s.rejected) lines.push(`${r.source}: ${r.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'imports mParticle batch files (.json .ndjson .jsonl) and profile CSVs (.csv)',
  usage: 'import --db FILE [--json] PATH...',
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, ['db', 'json'], ['json']);
    const dbPath = requiredFlag(parsed, 'db');
    const json = parsed.flags.has('json');
    if (parsed.positionals.length === 0) throw new UsageError('name at least one file to import');
    const db = openCache(dbPath);
    let drewProgress = false;
    try {
      const summary = await importFiles(db, parsed.positionals, {
        now: io.now,
        onProgress:
          io.errIsTty && !json
            ? (p) => {
                drewProgress = true;
                io.err(progressLine(p));
              }
            : undefined,
      });
      if (drewProgress) io.err('\r\u001b[K');
      if (json) io.out(`${JSON.stringify(summary)}\n`);
      else io.out(humanSummary(summary));
      return summary.rejected.length > 0 ? EXIT.partial : EXIT.ok;
    } catch (e) {
      if (drewProgress) io.err('\n');
      if (e instanceof ImportInputError) {
        io.err(`studio import: ${e.message}\n`);
        return EXIT.usage;
      }
      if (e instanceof ImportBusyError) {
        io.err(`studio import: ${e.message}\n`);
        return EXIT.failure;
      }
      throw e;
    } finally {
      db.close();
    }
  },
};
