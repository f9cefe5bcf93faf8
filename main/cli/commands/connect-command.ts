import path from 'node:path';
import { openCache } from '../../cache/open-cache';
import { createClient } from '../../publish/clients/create-client';
import { saveConnection } from '../../publish/connection-store';
import { DEFAULT_RETRY } from '../../publish/retry-policy';
import { EnvSecretStore, isEnvVarName } from '../../publish/secret-store';
import type { ConnectionConfig, ConnectionType } from '../../publish/publish-types';
import { CONNECTION_TYPES } from '../../publish/publish-types';
import { EXIT, UsageError, type CliCommand } from '../cli-types';
import { parseArgs, requiredFlag, stringFlag, type ParsedArgs } from '../parse-args';

// `connect`: adds or replaces a connection (cli.md). A secret is never taken on the command line:
// only the name of the environment variable that holds it.

const TYPE_FLAGS: Record<ConnectionType, string[]> = {
  meta: ['ad-account', 'token-env', 'base-url'],
  mailchimp: ['list-id', 'api-key-env', 'double-opt-in', 'base-url'],
  klaviyo: ['list-id', 'api-key-env', 'base-url'],
  webhook: ['url', 'secret-env'],
  file: ['path', 'format'],
};
const ALL_TYPE_FLAGS = [...new Set(Object.values(TYPE_FLAGS).flat())];

function envFlag(p: ParsedArgs, name: string): string {
  const v = requiredFlag(p, name);
  if (!isEnvVarName(v)) {
    throw new UsageError(
      `--${name} takes the NAME of an environment variable (like MAILCHIMP_KEY), not a secret`,
    );
  }
  return v;
}

function configFrom(
  type: ConnectionType,
  p: ParsedArgs,
  cwd: string,
): { config: ConnectionConfig; secretRef: string | null } {
  for (const flag of ALL_TYPE_FLAGS) {
    if (p.flags.has(flag) && !TYPE_FLAGS[type].includes(flag)) {
      throw new UsageError(`--${flag} does not apply to a ${type} connection`);
    }
  }
  const baseUrl = stringFlag(p, 'base-url');
  const base = baseUrl === undefined ? {} : { baseUrl };
  switch (type) {
    case 'meta':
      return {
        config: { adAccount: requiredFlag(p, 'ad-account'), ...base },
        secretRef: envFlag(p, 'token-env'),
      };
    case 'mailchimp': {
      const optIn = stringFlag(p, 'double-opt-in') ?? 'true';
      if (optIn !== 'true' && optIn !== 'false') {
        throw new UsageError(`--double-opt-in must be true or false, got "${optIn}"`);
      }
      return {
        config: { listId: requiredFlag(p, 'list-id'), doubleOptIn: optIn === 'true', ...base },
        secretRef: envFlag(p, 'api-key-env'),
      };
    }
    case 'klaviyo':
      return {
        config: { listId: requiredFlag(p, 'list-id'), ...base },
        secretRef: envFlag(p, 'api-key-env'),
      };
    case 'webhook':
      return { config: { url: requiredFlag(p, 'url') }, secretRef: envFlag(p, 'secret-env') };
    case 'file': {
      const format = requiredFlag(p, 'format');
      if (format !== 'csv' && format !== 'ndjson') {
        throw new UsageError(`--format must be csv or ndjson, got "${format}"`);
      }
      return {
        config: { path: path.resolve(cwd, requiredFlag(p, 'path')), format },
        secretRef: null,
      };
    }
  }
}

export const connectCommand: CliCommand = {
  name: 'connect',
  summary: 'adds or replaces a connection to a marketing tool, a webhook or a file',
  usage:
    'connect --db FILE --name NAME --type meta|mailchimp|klaviyo|webhook|file [options] [--test]\n' +
    '  meta:      --ad-account ID --token-env VAR [--base-url URL]\n' +
    '  mailchimp: --list-id ID --api-key-env VAR [--double-opt-in true|false] [--base-url URL]\n' +
    '  klaviyo:   --list-id ID --api-key-env VAR [--base-url URL]\n' +
    '  webhook:   --url URL --secret-env VAR\n' +
    '  file:      --path FILE --format csv|ndjson\n' +
    '  --test makes a harmless authenticated call to check the connection.',
  async run(args, io) {
    const p = parseArgs(args, ['db', 'name', 'type', 'test', ...ALL_TYPE_FLAGS], ['test']);
    if (p.positionals.length > 0) throw new UsageError(`unexpected argument "${p.positionals[0]}"`);
    const dbPath = requiredFlag(p, 'db');
    const name = requiredFlag(p, 'name');
    const type = requiredFlag(p, 'type') as ConnectionType;
    if (!CONNECTION_TYPES.includes(type)) {
      throw new UsageError(`--type must be one of ${CONNECTION_TYPES.join(', ')}, got "${type}"`);
    }
    const { config, secretRef } = configFrom(type, p, io.cwd);
    const db = openCache(path.resolve(io.cwd, dbPath));
    try {
      let connection;
      try {
        connection = saveConnection(db, { name, type, config, secretRef }, io.now());
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      io.out(`Connection "${name}" (${type}) saved.\n`);
      if (p.flags.has('test')) {
        const secrets = new EnvSecretStore(io.env);
        const secret = secretRef ? secrets.get(secretRef) : undefined;
        if (secretRef && !secret) {
          io.err(`studio connect: test failed: the environment variable ${secretRef} is not set\n`);
          return EXIT.failure;
        }
        const client = createClient(connection, {
          secret,
          http: { retry: { ...DEFAULT_RETRY, maxAttempts: 2 }, timeoutMs: 15_000, now: io.now },
        });
        try {
          await client.test();
        } catch (e) {
          io.err(`studio connect: test failed: ${(e as Error).message}\n`);
          return EXIT.failure;
        }
        io.out('Test connection: OK\n');
      }
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};
