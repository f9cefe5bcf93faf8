import type { Database } from 'better-sqlite3';
import { stmt } from '../cache/statement-cache';
import {
  CONNECTION_TYPES,
  type ConfigOf,
  type Connection,
  type ConnectionConfig,
  type ConnectionType,
} from './publish-types';

// Connections in the cache: name, type, settings (JSON, never a secret) and the secret's reference.

interface ConnectionRow {
  id: number;
  name: string;
  type: ConnectionType;
  config: string;
  secret_ref: string | null;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface ConnectionInput {
  name: string;
  type: ConnectionType;
  config: ConnectionConfig;
  secretRef: string | null;
}

function fromRow(r: ConnectionRow): Connection {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    config: JSON.parse(r.config) as ConnectionConfig,
    secretRef: r.secret_ref,
    disabledReason: r.disabled_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  } as Connection;
}

function httpUrl(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is required`);
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`${what} is not a URL: "${value}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new Error(`${what} must be an http(s) URL: "${value}"`);
  }
  if (u.username || u.password) throw new Error(`${what} must not carry credentials`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${what} is required`);
  return value.trim();
}

function optionalUrl(value: unknown, what: string): { baseUrl?: string } {
  return value === undefined ? {} : { baseUrl: httpUrl(value, what) };
}

/**
 * Keeps only the known settings of a type, checked. Unknown keys are refused so that a secret
 * pasted into the wrong field never reaches the cache.
 */
export function checkConnectionConfig<T extends ConnectionType>(
  type: T,
  raw: unknown,
): ConfigOf[T] {
  if (!CONNECTION_TYPES.includes(type)) {
    throw new Error(`unknown connection type "${type}" (expected ${CONNECTION_TYPES.join(', ')})`);
  }
  if (typeof raw !== 'object' || raw === null)
    throw new Error('connection settings must be an object');
  const c = raw as Record<string, unknown>;
  const allowed: Record<ConnectionType, string[]> = {
    meta: ['adAccount', 'baseUrl', 'apiVersion'],
    mailchimp: ['listId', 'doubleOptIn', 'baseUrl'],
    klaviyo: ['listId', 'baseUrl'],
    webhook: ['url'],
    file: ['path', 'format'],
  };
  for (const key of Object.keys(c)) {
    if (!allowed[type].includes(key))
      throw new Error(`a ${type} connection has no setting "${key}"`);
  }
  let out: ConnectionConfig;
  switch (type) {
    case 'meta': {
      const adAccount = text(c.adAccount, 'the ad account id').replace(/^act_/, '');
      if (!/^\d+$/.test(adAccount))
        throw new Error(`the ad account id must be digits, got "${adAccount}"`);
      out = { adAccount, ...optionalUrl(c.baseUrl, 'the base URL') };
      if (c.apiVersion !== undefined) {
        const v = text(c.apiVersion, 'the API version');
        if (!/^v\d+\.\d+$/.test(v))
          throw new Error(`the API version must look like v23.0, got "${v}"`);
        out = { ...out, apiVersion: v };
      }
      break;
    }
    case 'mailchimp':
      if (c.doubleOptIn !== undefined && typeof c.doubleOptIn !== 'boolean') {
        throw new Error('double opt-in must be true or false');
      }
      out = {
        listId: text(c.listId, 'the list id'),
        doubleOptIn: c.doubleOptIn ?? true,
        ...optionalUrl(c.baseUrl, 'the base URL'),
      };
      break;
    case 'klaviyo':
      out = { listId: text(c.listId, 'the list id'), ...optionalUrl(c.baseUrl, 'the base URL') };
      break;
    case 'webhook':
      out = { url: httpUrl(c.url, 'the webhook URL') };
      break;
    case 'file':
      if (c.format !== 'csv' && c.format !== 'ndjson') {
        throw new Error(`the file format must be csv or ndjson, got "${String(c.format)}"`);
      }
      out = { path: text(c.path, 'the file path'), format: c.format };
      break;
  }
  return out as ConfigOf[T];
}

/** Adds or replaces (by name) a connection. A replaced connection keeps its ledger and history. */
export function saveConnection(db: Database, input: ConnectionInput, now: number): Connection {
  const name = text(input.name, 'the connection name');
  const config = checkConnectionConfig(input.type, input.config);
  const needsSecret = input.type !== 'file';
  if (needsSecret && !input.secretRef) throw new Error(`a ${input.type} connection needs a secret`);
  const existing = getConnection(db, name);
  if (existing && existing.type !== input.type) {
    throw new Error(
      `the connection "${name}" is a ${existing.type} connection; remove it before adding a ${input.type} one`,
    );
  }
  stmt(
    db,
    `INSERT INTO connections (name, type, config, secret_ref, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET config = excluded.config, secret_ref = excluded.secret_ref,
       disabled_reason = NULL, updated_at = excluded.updated_at`,
  ).run(name, input.type, JSON.stringify(config), needsSecret ? input.secretRef : null, now, now);
  return getConnection(db, name)!;
}

export function getConnection(db: Database, name: string): Connection | undefined {
  const row = stmt<[string], ConnectionRow>(db, 'SELECT * FROM connections WHERE name = ?').get(
    name,
  );
  return row ? fromRow(row) : undefined;
}

export function getConnectionById(db: Database, id: number): Connection | undefined {
  const row = stmt<[number], ConnectionRow>(db, 'SELECT * FROM connections WHERE id = ?').get(id);
  return row ? fromRow(row) : undefined;
}

export function listConnections(db: Database): Connection[] {
  return stmt<[], ConnectionRow>(db, 'SELECT * FROM connections ORDER BY name').all().map(fromRow);
}

/** Removes a connection with its ledger and history; returns whether it existed. */
export function deleteConnection(db: Database, name: string): boolean {
  return stmt(db, 'DELETE FROM connections WHERE name = ?').run(name).changes > 0;
}

export function disableConnection(db: Database, id: number, reason: string, now: number): void {
  stmt(db, 'UPDATE connections SET disabled_reason = ?, updated_at = ? WHERE id = ?').run(
    reason,
    now,
    id,
  );
}
