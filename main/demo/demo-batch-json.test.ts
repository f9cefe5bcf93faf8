// The batch text is written by hand for speed; here it is checked byte for byte against
// JSON.stringify of the same batch built as plain objects (the generator's earlier form).
import { describe, expect, it } from 'vitest';
import { demoUserBatches } from './demo-batches';
import { Prng } from './demo-prng';
import { generateDemoUser, type DemoEvent, type DemoUser } from './demo-user';

function eventObject(e: DemoEvent): object {
  const base = { timestamp_unixtime_ms: e.ts, source_message_id: e.messageId };
  switch (e.name) {
    case 'install':
      return {
        event_type: 'application_state_transition',
        data: {
          ...base,
          application_transition_type: 'application_initialized',
          is_first_run: true,
          is_upgrade: false,
        },
      };
    case 'session_start':
      return { event_type: 'session_start', data: base };
    case 'session_end':
      return { event_type: 'session_end', data: { ...base, session_duration_ms: e.durationMs } };
    case 'screen_view':
      return { event_type: 'screen_view', data: { ...base, screen_name: e.screenName } };
    case 'add_to_cart':
    case 'purchase':
      return {
        event_type: 'commerce_event',
        data: {
          ...base,
          currency_code: 'USD',
          product_action: {
            action: e.name,
            ...(e.transactionId ? { transaction_id: e.transactionId } : {}),
            total_amount: e.totalAmount,
            products: (e.products ?? []).map((p) => ({
              id: p.id,
              name: p.name,
              price: p.price,
              quantity: p.quantity,
              total_product_amount: p.price * p.quantity,
            })),
          },
        },
      };
    case 'level_complete':
      return {
        event_type: 'custom_event',
        data: {
          ...base,
          event_name: 'level_complete',
          custom_event_type: 'other',
          custom_attributes: { level: String(e.level) },
        },
      };
    case 'share':
      return {
        event_type: 'custom_event',
        data: {
          ...base,
          event_name: 'share',
          custom_event_type: 'social',
          custom_attributes: { channel: e.channel },
        },
      };
  }
}

/** The batches as objects through JSON.stringify, drawing from the same random stream. */
function referenceLines(seed: string, u: DemoUser): string[] {
  const h = u.header;
  const r = new Prng(`${seed}/batches/${h.index}`);
  const deviceInfo =
    h.platform === 'iOS'
      ? { platform: 'iOS', ios_advertising_id: h.advertisingId, ios_idfv: h.vendorId }
      : { platform: 'Android', android_advertising_id: h.advertisingId, android_uuid: h.vendorId };
  const lines: string[] = [];
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
    if (i === u.signupSession && h.role !== 'secondary')
      attributes.signup_date = new Date(s.start).toISOString().slice(0, 10);
    const batch = {
      environment: 'production',
      schema_version: 2,
      source_request_id: r.uuid(),
      timestamp_unixtime_ms: s.events[s.events.length - 1]!.ts,
      user_identities: identities,
      device_info: deviceInfo,
      ...(Object.keys(attributes).length > 0 ? { user_attributes: attributes } : {}),
      events: s.events.map(eventObject),
    };
    const line = `{"mpid":${h.mpid},${JSON.stringify(batch).slice(1)}`;
    lines.push(line);
    if (r.chance(0.003)) lines.push(line);
  });
  return lines;
}

describe('demo batch text', () => {
  it('equals JSON.stringify of the same batches, byte for byte, for every kind of user', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const seen = new Set<string>();
    for (const seed of ['s1', 'audience-studio-bench']) {
      for (let i = 0; i < 1500; i++) {
        const u = generateDemoUser(seed, i, 1500, now);
        const lines = demoUserBatches(seed, u).lines;
        expect(lines).toEqual(referenceLines(seed, u));
        for (const s of u.sessions) for (const e of s.events) seen.add(e.name);
      }
    }
    // Every event type went through the comparison.
    expect([...seen].sort()).toEqual([
      'add_to_cart',
      'install',
      'level_complete',
      'purchase',
      'screen_view',
      'session_end',
      'session_start',
      'share',
    ]);
  });
});
