import path from 'node:path';
import { AudienceInvalidError, openEngine } from '../../engine/index';
import { publishAudience, PublishRefusedError } from '../../publish/publish-audience';
import { DEFAULT_RETRY } from '../../publish/retry-policy';
import { EnvSecretStore } from '../../publish/secret-store';
import { EXIT, type CliCommand, type CliIo } from '../cli-types';
import { parseArgs, requiredFlag } from '../parse-args';
import { loadAudienceForCli } from './preview-command';

// `publish`: sends the difference between the audience now and what the connection last
// acknowledged (cli.md). Exit 0 only when every batch was acknowledged; 1 when it stopped part-way
// (the next publish resumes it).

function progressLine(io: CliIo) {
  return (p: {
    batchesDone: number;
    batchesTotal: number;
    membersDone: number;
    membersTotal: number;
  }) => {
    const width = 24;
    const filled = Math.round((p.batchesDone / Math.max(1, p.batchesTotal)) * width);
    io.err(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] batch ${p.batchesDone}/${p.batchesTotal}, ` +
        `${p.membersDone}/${p.membersTotal} members`,
    );
  };
}

export const publishCommand: CliCommand = {
  name: 'publish',
  summary: "publishes the difference since the connection's last successful publish",
  usage: 'publish --db FILE AUDIENCE.json --connection NAME [--as-of ISO] [--dry-run] [--json]',
  async run(args, io) {
    const p = parseArgs(
      args,
      ['db', 'connection', 'as-of', 'dry-run', 'json'],
      ['dry-run', 'json'],
    );
    const dbPath = path.resolve(io.cwd, requiredFlag(p, 'db'));
    const connection = requiredFlag(p, 'connection');
    const json = p.flags.has('json');
    if (p.positionals.length === 1) p.positionals[0] = path.resolve(io.cwd, p.positionals[0]!);
    // Read, validated and --as-of parsed the same way as for preview and members.
    const loaded = loadAudienceForCli('publish', p, dbPath, io);
    if (typeof loaded === 'number') return loaded;
    const { db, definition: def, library, asOf } = loaded;
    const controller = new AbortController();
    // Ctrl-C stops after the batch in flight; what was acknowledged stays recorded.
    const onSigint = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSigint);
    try {
      let members: Uint32Array;
      try {
        members = openEngine(db).members(def, { asOf, library });
      } catch (e) {
        if (e instanceof AudienceInvalidError) {
          io.err(
            `studio publish: the audience is invalid:\n${e.problems.map((x) => `  ${x.path}: ${x.message}`).join('\n')}\n`,
          );
          return EXIT.usage;
        }
        throw e;
      }
      let result;
      try {
        result = await publishAudience(
          db,
          {
            connection,
            audience: { id: def.id, name: def.name },
            members,
            dryRun: p.flags.has('dry-run'),
            signal: controller.signal,
            onProgress: io.errIsTty && !json ? progressLine(io) : undefined,
          },
          {
            secrets: new EnvSecretStore(io.env),
            http: { retry: DEFAULT_RETRY, timeoutMs: 30_000, now: io.now },
          },
        );
      } catch (e) {
        if (e instanceof PublishRefusedError) {
          io.err(`studio publish: ${e.message}\n`);
          return /no connection named/.test(e.message) ? EXIT.usage : EXIT.failure;
        }
        throw e;
      }
      if (io.errIsTty && !json && result.batches > 0) io.err('\n');
      const doc = {
        connection: result.connection,
        audience: result.audience,
        joined: result.joined,
        left: result.left,
        unchanged: result.unchanged,
        skipped: result.skipped,
        batches: result.batches,
        ms: result.ms,
      };
      if (json) io.out(JSON.stringify(doc) + '\n');
      else {
        io.out(
          `${p.flags.has('dry-run') ? 'Would publish' : 'Published'} "${def.name}" to ${result.connection}: ` +
            `+${doc.joined} joined, -${doc.left} left, ${doc.unchanged} unchanged, ` +
            `${doc.skipped} without an identifier this partner accepts; ${doc.batches} batch${doc.batches === 1 ? '' : 'es'} in ${doc.ms} ms.\n` +
            `Sent: ${result.identifierNote}.\n`,
        );
      }
      if (result.status !== 'done') {
        io.err(
          `studio publish: stopped part-way (${result.acknowledged} of ${result.batches} batches acknowledged): ` +
            `${result.error ?? result.status}${result.status === 'failed' ? '' : '; run publish again to resume'}\n`,
        );
        return EXIT.failure;
      }
      return EXIT.ok;
    } finally {
      process.removeListener('SIGINT', onSigint);
      db.close();
    }
  },
};
