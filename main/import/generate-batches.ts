import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

// Deterministic synthetic mParticle batches for the importer's speed measurement and its
// kill-and-resume test. Each user's batches are adjacent (as exports group them); events carry
// source_message_ids, except about one in ten which are deduplicated by content.

export interface GenerateOptions {
  users: number;
  /** Events per user; each batch holds up to 10. */
  eventsPerUser: number;
  seed: number;
  /** Time of the first event, epoch ms. */
  start: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const SCREENS = ['Home', 'Search', 'Product', 'Cart', 'Checkout', 'Profile'];
const CUSTOM = ['Add to Wishlist', 'Share', 'Rate App', 'Search Performed'];

export function* generateBatchLines(o: GenerateOptions): Generator<string> {
  const rand = rng(o.seed);
  let msg = 0;
  for (let u = 0; u < o.users; u++) {
    const mpid = (BigInt(u + 1) * 2654435761n + 4611686018427387904n).toString();
    let t = o.start + Math.floor(rand() * 86_400_000 * 30);
    for (let done = 0; done < o.eventsPerUser;) {
      const n = Math.min(10, o.eventsPerUser - done);
      const events: unknown[] = [];
      for (let i = 0; i < n; i++) {
        t += 1000 + Math.floor(rand() * 3_600_000);
        const r = rand();
        const data: Record<string, unknown> = {
          timestamp_unixtime_ms: t,
          source_message_id: rand() < 0.9 ? `m-${o.seed}-${++msg}` : null,
          session_id: u * 1000 + Math.floor(done / 10),
          custom_attributes: null,
        };
        let type: string;
        if (i === 0) type = 'session_start';
        else if (r < 0.45) {
          type = 'screen_view';
          data.screen_name = SCREENS[Math.floor(rand() * SCREENS.length)];
        } else if (r < 0.75) {
          type = 'custom_event';
          data.event_name = CUSTOM[Math.floor(rand() * CUSTOM.length)];
          data.custom_event_type = 'other';
          data.custom_attributes = { plan: rand() < 0.5 ? 'free' : 'pro' };
        } else if (r < 0.85) {
          type = 'commerce_event';
          data.product_action = {
            action: rand() < 0.5 ? 'purchase' : 'add_to_cart',
            total_amount: Math.floor(rand() * 20000) / 100,
            transaction_id: `t${u}-${done + i}`,
            products: [{ id: 'sku-1', price: 10 }],
          };
          data.currency_code = 'USD';
        } else {
          type = 'session_end';
          data.session_duration_ms = Math.floor(rand() * 600_000);
        }
        events.push({ event_type: type, data });
      }
      done += n;
      yield JSON.stringify({
        mpid,
        user_identities: { customer_id: `c${u + 1}`, email: `user${u + 1}@example.com` },
        user_attributes: { plan: rand() < 0.5 ? 'free' : 'pro', visits: done },
        device_info: { ios_idfv: `idfv-${u + 1}` },
        timestamp_unixtime_ms: t,
        events,
      }).replace(`"${mpid}"`, mpid);
    }
  }
}

/** Writes the batches to an NDJSON file; returns the number of events. */
export async function writeBatchFile(file: string, o: GenerateOptions): Promise<number> {
  const out = createWriteStream(file);
  let buf = '';
  for (const line of generateBatchLines(o)) {
    buf += `${line}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return o.users * o.eventsPerUser;
}
