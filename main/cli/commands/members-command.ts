import { Writable } from 'node:stream';
import { openEngine } from '../../engine/index';
import { forEachMemberIdentities } from '../../engine/member-profiles';
import { writeMembersCsv } from '../../engine/members-csv';
import { EXIT, UsageError, type CliCommand } from '../cli-types';
import { parseArgs, requiredFlag, stringFlag } from '../parse-args';
import { loadAudienceForCli } from './preview-command';

// `members --db FILE AUDIENCE.json [--as-of ISO] [--format ndjson|csv]` (../shared/spec/cli.md):
// ndjson (the default) is one {"profile","identities"} line per member, ascending by profile.
export const membersCommand: CliCommand = {
  name: 'members',
  summary: 'lists the members of an audience (ndjson or csv)',
  usage: 'members --db FILE AUDIENCE.json [--as-of ISO] [--format ndjson|csv]',
  async run(args, io) {
    const parsed = parseArgs(args, ['db', 'as-of', 'format']);
    const format = stringFlag(parsed, 'format') ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'csv')
      throw new UsageError(`--format must be ndjson or csv, got "${format}"`);
    const loaded = loadAudienceForCli('members', parsed, requiredFlag(parsed, 'db'), io);
    if (typeof loaded === 'number') return loaded;
    const { db } = loaded;
    try {
      const ids = openEngine(db).members(loaded.definition, {
        asOf: loaded.asOf,
        library: loaded.library,
      });
      if (format === 'csv') {
        const sink = new Writable({
          write(chunk: Buffer | string, _enc, done) {
            io.out(chunk.toString());
            done();
          },
        });
        await writeMembersCsv(db, ids, sink);
        return EXIT.ok;
      }
      let buffer = '';
      forEachMemberIdentities(db, ids, (id, identities) => {
        buffer += `${JSON.stringify({ profile: String(id), identities })}\n`;
        if (buffer.length > 65_536) {
          io.out(buffer);
          buffer = '';
        }
      });
      if (buffer) io.out(buffer);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};
