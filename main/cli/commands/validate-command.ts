import { fileProblems, readAudienceFile, AudienceFileError } from '../../audiences/audience-file';
import { audienceLibrary } from '../../audiences/audience-store';
import { openCache } from '../../cache/open-cache';
import { getLookbackDays } from '../../cache/settings';
import { EXIT, UsageError, type CliCommand } from '../cli-types';
import { parseArgs, stringFlag } from '../parse-args';

// `validate AUDIENCE.json [--db FILE]` (../shared/spec/cli.md): every problem as `path: message`,
// exit 2 when invalid. With --db, audience references are checked against that workspace's saved
// audiences and its look-back; without it, references cannot be resolved and are not checked.
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'checks an audience definition, listing every problem by JSON path',
  usage: 'validate AUDIENCE.json [--db FILE]',
  async run(args, io) {
    const parsed = parseArgs(args, ['db']);
    if (parsed.positionals.length !== 1) throw new UsageError('name exactly one audience file');
    const file = parsed.positionals[0]!;
    let input: unknown;
    try {
      input = readAudienceFile(file);
    } catch (e) {
      if (e instanceof AudienceFileError) {
        io.err(`studio validate: ${e.message}\n`);
        return EXIT.usage;
      }
      throw e;
    }
    const dbPath = stringFlag(parsed, 'db');
    const db = dbPath ? openCache(dbPath) : undefined;
    try {
      const problems = fileProblems(
        input,
        db ? audienceLibrary(db) : undefined,
        db ? getLookbackDays(db) : undefined,
      );
      if (problems.length === 0) {
        io.out('valid\n');
        return EXIT.ok;
      }
      io.out(problems.map((p) => `${p.path}: ${p.message}\n`).join(''));
      io.err(
        `studio validate: ${file} is not a valid audience (${problems.length} problem${problems.length === 1 ? '' : 's'})\n`,
      );
      return EXIT.usage;
    } finally {
      db?.close();
    }
  },
};
