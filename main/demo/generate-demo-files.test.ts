import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoFiles, type DemoFiles } from './generate-demo-files';
import { DAY_MS } from './demo-user';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'demo-gen-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Batch {
  mpid: number;
  timestamp_unixtime_ms: number;
  user_identities: Record<string, string>;
  user_attributes?: Record<string, string>;
  events: Array<{ event_type: string; data: Record<string, unknown> }>;
}

function canonicalName(e: Batch['events'][number]): string {
  const d = e.data as Record<string, unknown> & { product_action?: { action: string } };
  if (e.event_type === 'custom_event') return String(d.event_name);
  if (e.event_type === 'commerce_event') return d.product_action!.action;
  if (e.event_type === 'application_state_transition') return d.is_first_run ? 'install' : 'x';
  return e.event_type;
}

function generate(users: number, seed: string): { files: DemoFiles; text: string[] } {
  const files = generateDemoFiles(tempDir(), { users, seed, now: NOW });
  return { files, text: files.files.map((f) => readFileSync(f, 'utf8')) };
}

describe('generateDemoFiles', () => {
  const USERS = 2000;
  const a = generate(USERS, 's1');
  const lines = a.text[0]!.split('\n');
  expect(lines.pop()).toBe('');
  // Parse mpid as text: it exceeds 2^53 and must be written with all its digits.
  const mpids = lines.map((l) => /^\{"mpid":(\d+),/.exec(l)?.[1]);
  const batches = lines.map((l) => JSON.parse(l) as Batch);

  it('is byte-identical for the same seed and differs for another seed', () => {
    const b = generate(USERS, 's1');
    const c = generate(USERS, 's2');
    expect(b.text).toEqual(a.text);
    expect(b.files.events).toBe(a.files.events);
    expect(c.text[0]).not.toEqual(a.text[0]);
  });

  it('writes one valid batch per line, grouped by user and time-ordered within a user', () => {
    expect(a.files.files.map((f) => path.basename(f))).toEqual([
      'app-events-001.ndjson',
      'crm-contacts.csv',
    ]);
    expect(batches.length).toBe(a.files.batches);
    expect(mpids.every((m) => m !== undefined && BigInt(m) > 2n ** 53n)).toBe(true);
    // Plain checks in the loop (tens of thousands of events), one assertion per kind at the end.
    const seen = new Set<string>();
    const messageIds = new Set<string>();
    const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;
    let prev = '';
    let prevTs = -Infinity;
    let events = 0;
    const bad = { regrouped: 0, future: 0, unordered: 0, badId: 0, reusedId: 0 };
    for (let i = 0; i < batches.length; i++) {
      const m = mpids[i]!;
      if (m !== prev) {
        if (seen.has(m)) bad.regrouped++;
        seen.add(m);
        prev = m;
        prevTs = -Infinity;
      }
      const isRetry = i > 0 && lines[i] === lines[i - 1];
      for (const e of batches[i]!.events) {
        const ts = e.data.timestamp_unixtime_ms as number;
        if (ts >= NOW) bad.future++;
        if (isRetry) continue;
        if (ts < prevTs) bad.unordered++;
        prevTs = ts;
        const id = e.data.source_message_id as string;
        if (!UUID.test(id)) bad.badId++;
        if (messageIds.has(id)) bad.reusedId++;
        messageIds.add(id);
        events++;
      }
    }
    expect(bad).toEqual({ regrouped: 0, future: 0, unordered: 0, badId: 0, reusedId: 0 });
    expect(seen.size).toBe(USERS);
    expect(events).toBe(a.files.events);
    expect(a.files.duplicates).toBeGreaterThan(0);
  });

  it('has about 40 events per user with the issue mix', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < batches.length; i++) {
      if (i > 0 && lines[i] === lines[i - 1]) continue;
      for (const e of batches[i]!.events) {
        const n = canonicalName(e);
        counts.set(n, (counts.get(n) ?? 0) + 1);
      }
    }
    const per = (n: string) => (counts.get(n) ?? 0) / USERS;
    expect(per('install')).toBe(1);
    expect(per('session_start')).toBeGreaterThan(12);
    expect(per('session_start')).toBeLessThan(18);
    expect(per('screen_view')).toBeGreaterThan(16);
    expect(per('screen_view')).toBeLessThan(24);
    expect(per('add_to_cart')).toBeGreaterThan(2.5);
    expect(per('add_to_cart')).toBeLessThan(4.5);
    expect(per('purchase')).toBeGreaterThan(0.15);
    expect(per('purchase')).toBeLessThan(0.5);
    expect(per('level_complete')).toBeGreaterThan(0.3);
    expect(per('share')).toBeGreaterThan(0.05);
    const total = a.files.events / USERS;
    expect(total).toBeGreaterThan(35);
    expect(total).toBeLessThan(50);
  });

  it('spreads installs over 90 days and lets sessions decay after install', () => {
    const installs: number[] = [];
    const byWeek = [0, 0, 0, 0];
    let installAt = 0;
    for (const b of batches) {
      for (const e of b.events) {
        const ts = e.data.timestamp_unixtime_ms as number;
        if (canonicalName(e) === 'install') {
          installs.push(ts);
          installAt = ts;
        }
        // Only users installed at least 4 weeks ago can have sessions in every bucket.
        if (e.event_type === 'session_start' && NOW - installAt > 28 * DAY_MS) {
          const week = Math.floor((ts - installAt) / (7 * DAY_MS));
          if (week < 4) byWeek[week]!++;
        }
      }
    }
    expect(Math.min(...installs)).toBeGreaterThan(NOW - 90 * DAY_MS);
    const buckets = new Array<number>(9).fill(0);
    for (const t of installs) buckets[Math.min(8, Math.floor((NOW - t) / (10 * DAY_MS)))]!++;
    for (const n of buckets) expect(n).toBeGreaterThan(USERS / 9 / 2);
    expect(byWeek[0]).toBeGreaterThan(byWeek[1]!);
    expect(byWeek[1]).toBeGreaterThan(byWeek[2]!);
    expect(byWeek[2]).toBeGreaterThan(byWeek[3]!);
  });

  it('writes purchase amounts in multiples of 0.25 that match their products', () => {
    let purchases = 0;
    for (const b of batches) {
      for (const e of b.events) {
        if (e.event_type !== 'commerce_event') continue;
        const pa = e.data.product_action as {
          action: string;
          total_amount: number;
          transaction_id?: string;
          products: Array<{ price: number; quantity: number }>;
        };
        expect(Number.isInteger(pa.total_amount * 4)).toBe(true);
        expect(pa.total_amount).toBe(pa.products.reduce((s, p) => s + p.price * p.quantity, 0));
        if (pa.action === 'purchase') {
          purchases++;
          expect(pa.transaction_id).toMatch(/^T-/);
          expect(e.data.currency_code).toBe('USD');
        }
      }
    }
    expect(purchases).toBeGreaterThan(0);
  });

  it('sends identities and attributes as an app does', () => {
    const attrs = new Map<string, Record<string, string>>();
    const customerIds = new Set<string>();
    const emails = new Set<string>();
    batches.forEach((b, i) => {
      const a0 = attrs.get(mpids[i]!) ?? {};
      attrs.set(mpids[i]!, { ...a0, ...b.user_attributes });
      if (b.user_identities.customer_id) customerIds.add(b.user_identities.customer_id);
      if (b.user_identities.email) emails.add(b.user_identities.email);
    });
    const countries = new Set([...attrs.values()].map((x) => x.country));
    expect([...countries].sort()).toEqual([
      'AU',
      'BR',
      'CA',
      'DE',
      'ES',
      'FR',
      'GB',
      'IN',
      'JP',
      'US',
    ]);
    const plans = new Set([...attrs.values()].map((x) => x.plan));
    expect([...plans].sort()).toEqual(['free', 'pro', 'team']);
    const signups = [...attrs.values()].filter((x) => x.signup_date).length;
    expect(signups / USERS).toBeGreaterThan(0.45);
    expect(signups / USERS).toBeLessThan(0.75);
    expect(customerIds.size).toBeGreaterThan(signups - 1);
    expect(emails.size).toBeGreaterThan(USERS * 0.3);
    expect(emails.size).toBeLessThan(customerIds.size);
  });

  it('writes a CRM CSV that matches app users by customer_id and links second devices', () => {
    const rows = a.text[1]!.trimEnd().split('\n');
    expect(rows[0]).toBe('customer_id,email,plan,lifetime_value,crm_segment,updated_at');
    expect(rows.length - 1).toBe(a.files.rows);
    const appIds = new Map<string, string>();
    const appEmailOwner = new Map<string, string>();
    batches.forEach((b, i) => {
      if (b.user_identities.customer_id) appIds.set(b.user_identities.customer_id, mpids[i]!);
      if (b.user_identities.email) appEmailOwner.set(b.user_identities.email, mpids[i]!);
    });
    let matched = 0;
    let links = 0;
    let leads = 0;
    for (const r of rows.slice(1)) {
      const cells = r.split(',');
      expect(cells).toHaveLength(6);
      const [cid, email, plan, ltv, segment, updated] = cells as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      expect(cid).toMatch(/^\d+$/);
      expect(['free', 'pro', 'team']).toContain(plan);
      expect(ltv).toMatch(/^\d+\.\d\d$/);
      expect(['vip', 'active', 'lapsed', 'lead']).toContain(segment);
      expect(new Date(updated).toISOString()).toBe(updated);
      expect(Date.parse(updated)).toBeLessThanOrEqual(NOW);
      if (segment === 'lead') {
        leads++;
        expect(appIds.has(cid)).toBe(false);
        continue;
      }
      expect(appIds.has(cid)).toBe(true);
      matched++;
      const owner = appEmailOwner.get(email.trim().toLowerCase());
      // The email of another app profile (one without this customer_id): a second device.
      if (owner !== undefined && owner !== appIds.get(cid)) links++;
    }
    expect(leads).toBe(USERS / 100);
    expect(matched).toBeGreaterThan(USERS * 0.4);
    expect(links).toBe(USERS / 50);
    expect(a.files.profiles).toBe(USERS - links + leads);
  });

  it('rejects a user count that is not a whole number >= 1', () => {
    expect(() => generateDemoFiles(tempDir(), { users: 0, now: NOW })).toThrow(/users/);
    expect(() => generateDemoFiles(tempDir(), { users: 1.5, now: NOW })).toThrow(/users/);
  });
});
