import { canonicalJson } from './canonical-json';
import { plainJson } from './exact-json';

// Canonical event names and properties (data-import.md §1, the table).

export interface EventShape {
  name: string;
  /** Canonical JSON of the event's properties ("{}" for none). */
  props: string;
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function isEmptyObject(o: Obj): boolean {
  for (const _ in o) return false;
  return true;
}

function nameAndExtras(eventType: string, data: Obj): { name: string; extras: Obj } | string {
  switch (eventType) {
    case 'custom_event': {
      const name = data.event_name;
      if (typeof name !== 'string' || name.trim() === '')
        return 'custom_event without data.event_name';
      return { name, extras: { custom_event_type: data.custom_event_type } };
    }
    case 'commerce_event': {
      const pa = data.product_action;
      if (isObject(pa) && typeof pa.action === 'string' && pa.action !== '') {
        const products = pa.products;
        return {
          name: pa.action,
          // Keys in canonical (sorted) order: see the fast path in eventShape.
          extras: {
            currency_code: data.currency_code,
            product_count: Array.isArray(products) ? products.length : 0,
            total_amount: pa.total_amount,
            transaction_id: pa.transaction_id,
          },
        };
      }
      return { name: 'commerce_event', extras: {} };
    }
    case 'screen_view':
      return { name: 'screen_view', extras: { screen_name: data.screen_name } };
    case 'session_end':
      return { name: 'session_end', extras: { session_duration_ms: data.session_duration_ms } };
    case 'application_state_transition': {
      if (data.is_first_run === true) return { name: 'install', extras: {} };
      if (data.is_upgrade === true) return { name: 'upgrade', extras: {} };
      const t = data.application_transition_type;
      if (typeof t !== 'string' || t === '') return { name: eventType, extras: {} };
      return { name: `app_${t.startsWith('application_') ? t.slice(12) : t}`, extras: {} };
    }
    default:
      return { name: eventType, extras: {} };
  }
}

/**
 * The canonical name and properties of an event, or a reason to reject it. Properties are
 * data.custom_attributes plus the table's extra properties; a non-null extra one wins; null
 * values are dropped (a null property is a missing one).
 */
export function eventShape(eventType: string, data: Obj): EventShape | string {
  const ne = nameAndExtras(eventType, data);
  if (typeof ne === 'string') return ne;
  const custom = data.custom_attributes;
  if (custom !== undefined && custom !== null && !isObject(custom)) {
    return 'data.custom_attributes must be an object';
  }
  if (!custom || isEmptyObject(custom)) {
    // Only the table's extra properties, whose keys are already in canonical order.
    let out = '';
    for (const k in ne.extras) {
      const v = ne.extras[k];
      if (v === null || v === undefined) continue;
      out += `${out === '' ? '{' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    }
    return { name: ne.name, props: out === '' ? '{}' : `${out}}` };
  }
  const props: Obj = {};
  let any = false;
  for (const k in custom) {
    const v = custom[k];
    if (v === null || v === undefined) continue;
    props[k] = typeof v === 'object' || typeof v === 'string' ? plainJson(v) : v;
    any = true;
  }
  for (const k in ne.extras) {
    const v = ne.extras[k];
    if (v === null || v === undefined) continue;
    props[k] = typeof v === 'object' || typeof v === 'string' ? plainJson(v) : v;
    any = true;
  }
  return { name: ne.name, props: any ? canonicalJson(props) : '{}' };
}
