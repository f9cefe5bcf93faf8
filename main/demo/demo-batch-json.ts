// The demo's mParticle batch lines, written as text directly. At benchmark scale the generator
// writes 13 GB of these; building an object per event and JSON.stringify-ing it took most of the
// generator's time. demo-batch-json.test.ts checks the text against JSON.stringify of the same
// batch built as objects, byte for byte.
import type { DemoEvent, DemoProduct } from './demo-user';

/** A JSON string literal (quoted and escaped). */
const str = (s: string): string => JSON.stringify(s);

/** `,"key":value` or nothing when the value is absent, as JSON.stringify drops undefined members. */
function num(key: string, v: number | undefined): string {
  return v === undefined ? '' : `,"${key}":${JSON.stringify(v)}`;
}
function text(key: string, v: string | undefined): string {
  return v === undefined ? '' : `,"${key}":${str(v)}`;
}

/** An object of string values, in insertion order. */
export function stringObject(o: Readonly<Record<string, string>>): string {
  let out = '';
  for (const k in o) out += `${out ? ',' : ''}${str(k)}:${str(o[k]!)}`;
  return `{${out}}`;
}

function productText(p: DemoProduct): string {
  return (
    `{"id":${str(p.id)},"name":${str(p.name)},"price":${JSON.stringify(p.price)},` +
    `"quantity":${JSON.stringify(p.quantity)},"total_product_amount":${JSON.stringify(p.price * p.quantity)}}`
  );
}

/** One event of a batch's `events` array (data-import.md section 1 reads these fields). */
export function eventText(e: DemoEvent): string {
  const base = `"timestamp_unixtime_ms":${JSON.stringify(e.ts)},"source_message_id":${str(e.messageId)}`;
  switch (e.name) {
    case 'install':
      return (
        `{"event_type":"application_state_transition","data":{${base},` +
        `"application_transition_type":"application_initialized","is_first_run":true,"is_upgrade":false}}`
      );
    case 'session_start':
      return `{"event_type":"session_start","data":{${base}}}`;
    case 'session_end':
      return `{"event_type":"session_end","data":{${base}${num('session_duration_ms', e.durationMs)}}}`;
    case 'screen_view':
      return `{"event_type":"screen_view","data":{${base}${text('screen_name', e.screenName)}}}`;
    case 'add_to_cart':
    case 'purchase':
      return (
        `{"event_type":"commerce_event","data":{${base},"currency_code":"USD",` +
        `"product_action":{"action":"${e.name}"${e.transactionId ? text('transaction_id', e.transactionId) : ''}` +
        `${num('total_amount', e.totalAmount)},"products":[${(e.products ?? []).map(productText).join(',')}]}}}`
      );
    case 'level_complete':
      // SDKs send custom attribute values as strings.
      return (
        `{"event_type":"custom_event","data":{${base},"event_name":"level_complete",` +
        `"custom_event_type":"other","custom_attributes":{"level":${str(String(e.level))}}}}`
      );
    case 'share':
      return (
        `{"event_type":"custom_event","data":{${base},"event_name":"share",` +
        `"custom_event_type":"social","custom_attributes":{${text('channel', e.channel).slice(1)}}}}`
      );
  }
}
