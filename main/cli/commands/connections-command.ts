import path from 'node:path';
import { openCache } from '../../cache/open-cache';
import { deleteConnection, listConnections } from '../../publish/connection-store';
import { publishHistory } from '../../publish/publish-runs';
import { EXIT, UsageError, type CliCommand } from '../cli-types';
import { parseArgs, requiredFlag, stringFlag } from '../parse-args';

// `connections`: lists connections with their settings and last publish, never a secret (only the
// name of the environment variable that holds it). `--remove NAME` removes one with its history.

export const connectionsCommand: CliCommand = {
  name: 'connections',
  summary: 'lists connections (never their secrets); --remove NAME removes one',
  usage: 'connections --db FILE [--json] [--remove NAME]',
  async run(args, io) {
    const p = parseArgs(args, ['db', 'json', 'remove'], ['json']);
    if (p.positionals.length > 0) throw new UsageError(`unexpected argument "${p.positionals[0]}"`);
    const db = openCache(path.resolve(io.cwd, requiredFlag(p, 'db')));
    try {
      const remove = stringFlag(p, 'remove');
      if (remove !== undefined) {
        if (!deleteConnection(db, remove)) {
          io.err(`studio connections: there is no connection named "${remove}"\n`);
          return EXIT.usage;
        }
        io.out(`Connection "${remove}" removed.\n`);
        return EXIT.ok;
      }
      const list = listConnections(db).map((c) => {
        const last = publishHistory(db, { connectionId: c.id, limit: 1 })[0];
        return {
          name: c.name,
          type: c.type,
          settings: c.config,
          secretEnv: c.secretRef,
          disabled: c.disabledReason,
          lastPublish: last
            ? {
                audience: last.audienceId,
                at: new Date(last.startedAt).toISOString(),
                status: last.status,
              }
            : null,
        };
      });
      if (p.flags.has('json')) {
        io.out(JSON.stringify(list) + '\n');
        return EXIT.ok;
      }
      if (list.length === 0) {
        io.out('No connections. Add one with `studio connect`.\n');
        return EXIT.ok;
      }
      for (const c of list) {
        const settings = Object.entries(c.settings)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' ');
        const last = c.lastPublish
          ? `last publish ${c.lastPublish.at} (${c.lastPublish.audience}: ${c.lastPublish.status})`
          : 'never published';
        io.out(
          `${c.name}  ${c.type}  ${settings}${c.secretEnv ? `  secret from $${c.secretEnv}` : ''}  ${last}` +
            `${c.disabled ? `  DISABLED: ${c.disabled}` : ''}\n`,
        );
      }
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};
