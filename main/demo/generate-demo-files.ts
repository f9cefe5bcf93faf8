// Writes the demo data set: mParticle batches as NDJSON (one batch per line, grouped by user, time-
// ordered within a user) and a CRM export as CSV. Deterministic: the same options give byte-identical
// files.
import path from 'node:path';
import { BufferedFileWriter } from './buffered-file-writer';
import { CRM_HEADER, crmLine, demoCrmRow, demoLeadRow, demoUserBatches } from './demo-batches';
import { demoUserHeader, generateDemoUser, type DemoUser } from './demo-user';

export const DEFAULT_DEMO_SEED = 'audience-studio-demo';
/** One CRM lead (a contact who never installed the app) per this many app users. */
const USERS_PER_LEAD = 100;
/** Users per NDJSON file: keeps each file a manageable size at benchmark scale. */
const USERS_PER_FILE = 250_000;

export interface DemoOptions {
  users: number;
  seed?: string;
  /** Epoch ms; every generated event is before it, installs spread over the 90 days before. */
  now: number;
  onProgress?: (p: { users: number; usersTotal: number }) => void;
  /** Sees every user as generated (the benchmark builds its baseline tables from it). */
  onUser?: (u: DemoUser) => void;
  /** Told each file's path once it is complete, in import order (the benchmark imports meanwhile). */
  onFile?: (path: string) => void;
}

export interface DemoFiles {
  /** NDJSON files first, then the CRM CSV: the order to import them in. */
  files: string[];
  users: number;
  /** Distinct people: app users (two devices of one person count once) plus CRM leads. */
  profiles: number;
  batches: number;
  rows: number;
  events: number;
  duplicates: number;
  bytes: number;
}

export function validateDemoOptions(users: number, now: number): void {
  if (!Number.isInteger(users) || users < 1)
    throw new RangeError(`demo: users must be a whole number >= 1, got ${users}`);
  if (!Number.isFinite(now)) throw new RangeError(`demo: now must be a time in epoch ms`);
}

export function generateDemoFiles(dir: string, opts: DemoOptions): DemoFiles {
  const { users, now } = opts;
  validateDemoOptions(users, now);
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const result: DemoFiles = {
    files: [],
    users,
    profiles: 0,
    batches: 0,
    rows: 0,
    events: 0,
    duplicates: 0,
    bytes: 0,
  };
  const crm = new BufferedFileWriter(path.join(dir, 'crm-contacts.csv'));
  crm.write(`${CRM_HEADER}\n`);
  let ndjson: BufferedFileWriter | undefined;
  const closeNdjson = () => {
    if (!ndjson) return;
    ndjson.close();
    result.bytes += ndjson.bytes;
    opts.onFile?.(ndjson.path);
  };
  let leads = 0;
  for (let i = 0; i < users; i++) {
    if (i % USERS_PER_FILE === 0) {
      closeNdjson();
      const name = `app-events-${String(i / USERS_PER_FILE + 1).padStart(3, '0')}.ndjson`;
      ndjson = new BufferedFileWriter(path.join(dir, name));
      result.files.push(ndjson.path);
    }
    const u = generateDemoUser(seed, i, users, now);
    opts.onUser?.(u);
    const b = demoUserBatches(seed, u);
    for (const line of b.lines) ndjson!.write(`${line}\n`);
    result.batches += b.batches;
    result.events += b.events;
    result.duplicates += b.duplicates;
    if (u.header.role !== 'secondary') result.profiles++;
    const secondEmail =
      u.header.role === 'primary' ? demoUserHeader(seed, i + 1, users, now).email : undefined;
    const row = demoCrmRow(seed, u, secondEmail, now);
    if (row) {
      crm.write(`${crmLine(row)}\n`);
      result.rows++;
    }
    if ((i + 1) % USERS_PER_LEAD === 0) {
      crm.write(`${crmLine(demoLeadRow(seed, leads++, users, now))}\n`);
      result.rows++;
      result.profiles++;
    }
    if (opts.onProgress && ((i + 1) % 1000 === 0 || i + 1 === users))
      opts.onProgress({ users: i + 1, usersTotal: users });
  }
  closeNdjson();
  crm.close();
  result.bytes += crm.bytes;
  result.files.push(crm.path);
  opts.onFile?.(crm.path);
  return result;
}
