// Turns a simulated user into mParticle Events API batches (one per session, as the SDKs upload)
// and CRM rows. Field names follow mParticle's batch format (shared/fixtures/mparticle/).
import type { DemoEvent, DemoUser } from './demo-user';
import { eventText, stringObject } from './demo-batch-json';
import { Prng } from './demo-prng';

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The properties the importer derives for an event (data-import.md section 1), for baselines. */
export function demoEventProperties(e: DemoEvent): Record<string, string | number> {
  switch (e.name) {
    case 'session_end':
      return { session_duration_ms: e.durationMs! };
    case 'screen_view':
      return { screen_name: e.screenName! };
    case 'add_to_cart':
    case 'purchase':
      return {
        total_amount: e.totalAmount!,
        ...(e.transactionId ? { transaction_id: e.transactionId } : {}),
        currency_code: 'USD',
        product_count: e.products!.length,
      };
    case 'level_complete':
      return { level: String(e.level), custom_event_type: 'other' };
    case 'share':
      return { channel: e.channel!, custom_event_type: 'social' };
    default:
      return {};
  }
}

/** The share of batches that the SDK uploads twice (a retry after a lost response). */
const RETRY_SHARE = 0.003;

export interface UserBatches {
  lines: string[];
  /** Batch lines written, retries included. */
  batches: number;
  events: number;
  /** Events inside retried copies: the importer must count them as duplicates. */
  duplicates: number;
}

export function demoUserBatches(seed: string, u: DemoUser): UserBatches {
  const h = u.header;
  const r = new Prng(`${seed}/batches/${h.index}`);
  const deviceInfo = stringObject(
    h.platform === 'iOS'
      ? { platform: 'iOS', ios_advertising_id: h.advertisingId, ios_idfv: h.vendorId }
      : { platform: 'Android', android_advertising_id: h.advertisingId, android_uuid: h.vendorId },
  );
  const out: UserBatches = { lines: [], batches: 0, events: 0, duplicates: 0 };
  u.sessions.forEach((s, i) => {
    if (s.events.length === 0) return;
    const signedIn = u.signupSession !== undefined && i >= u.signupSession;
    const identities: Record<string, string> = {};
    if (signedIn && h.customerId) identities.customer_id = h.customerId;
    if (signedIn && h.email) identities.email = h.email;
    const attributes: Record<string, string> = {};
    if (i === 0) {
      attributes.country = h.country;
      attributes.plan = h.plan;
    }
    if (i === u.signupSession && h.role !== 'secondary') attributes.signup_date = isoDate(s.start);
    // mpid is written as a JSON number with all its digits, as mParticle sends it (beyond 2^53).
    const line =
      `{"mpid":${h.mpid},"environment":"production","schema_version":2,` +
      `"source_request_id":"${r.uuid()}","timestamp_unixtime_ms":${s.events[s.events.length - 1]!.ts},` +
      `"user_identities":${stringObject(identities)},"device_info":${deviceInfo}` +
      `${Object.keys(attributes).length > 0 ? `,"user_attributes":${stringObject(attributes)}` : ''}` +
      `,"events":[${s.events.map(eventText).join(',')}]}`;
    out.lines.push(line);
    out.batches++;
    out.events += s.events.length;
    if (r.chance(RETRY_SHARE)) {
      out.lines.push(line);
      out.batches++;
      out.duplicates += s.events.length;
    }
  });
  return out;
}

export const CRM_HEADER = 'customer_id,email,plan,lifetime_value,crm_segment,updated_at';

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export interface CrmRow {
  customerId: string;
  email: string;
  plan: string;
  lifetimeValue: string;
  segment: string;
  updatedAt: number;
}

export function crmLine(row: CrmRow): string {
  return [
    row.customerId,
    row.email,
    row.plan,
    row.lifetimeValue,
    row.segment,
    new Date(row.updatedAt).toISOString(),
  ]
    .map(csvCell)
    .join(',');
}

/** Emails as typed into a CRM: sometimes capitalised or padded (the importer normalises them). */
function crmEmail(r: Prng, email: string): string {
  if (r.chance(0.2)) return email.toUpperCase();
  if (r.chance(0.1)) return ` ${email} `;
  return email;
}

/**
 * The CRM's row for an app user, if the CRM knows them. A primary device's row carries the email of
 * the person's second device, which links the two app profiles into one.
 */
export function demoCrmRow(
  seed: string,
  u: DemoUser,
  secondDeviceEmail: string | undefined,
  now: number,
): CrmRow | undefined {
  const h = u.header;
  if (!h.customerId) return undefined;
  const r = new Prng(`${seed}/crm/${h.index}`);
  if (h.role !== 'primary' && !r.chance(0.9)) return undefined;
  const email = secondDeviceEmail ?? h.email;
  const lastSeen = u.sessions[u.sessions.length - 1]?.start ?? h.installAt;
  const segment =
    u.purchaseTotal >= 200 ? 'vip' : now - lastSeen < 14 * 86_400_000 ? 'active' : 'lapsed';
  return {
    customerId: h.customerId,
    email: email ? crmEmail(r, email) : '',
    plan: h.plan,
    lifetimeValue: u.purchaseTotal.toFixed(2),
    segment,
    updatedAt: Math.floor(lastSeen + r.next() * (now - lastSeen)),
  };
}

/** A CRM contact that never installed the app (a lead): a profile without events. */
export function demoLeadRow(seed: string, leadIndex: number, users: number, now: number): CrmRow {
  const r = new Prng(`${seed}/lead/${leadIndex}`);
  return {
    customerId: String(1_000_000 + users + leadIndex),
    email: r.chance(0.5) ? `lead${leadIndex}@example.com` : '',
    plan: 'free',
    lifetimeValue: '0.00',
    segment: 'lead',
    updatedAt: Math.floor(now - r.next() * 90 * 86_400_000),
  };
}
