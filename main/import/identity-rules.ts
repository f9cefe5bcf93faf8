import { exactNumberText, isBigNumber } from './exact-json';

// Identity names and normalization (data-import.md §1-§3).

/** user_identities names mParticle documents; CSV columns with these headers are identities. */
export const USER_IDENTITY_TYPES: readonly string[] = [
  'customer_id',
  'email',
  'other',
  'other_id_2',
  'other_id_3',
  'other_id_4',
  'other_id_5',
  'other_id_6',
  'other_id_7',
  'other_id_8',
  'other_id_9',
  'other_id_10',
  'mobile_number',
  'phone_number_2',
  'phone_number_3',
  'facebook',
  'facebook_custom_audience_id',
  'google',
  'twitter',
  'microsoft',
  'yahoo',
  'alias',
];

/** Device ids: stored as identities, never used to match or merge profiles. */
export const DEVICE_ID_TYPES: readonly string[] = [
  'ios_advertising_id',
  'android_advertising_id',
  'ios_idfv',
  'android_uuid',
  'roku_advertising_id',
  'fire_advertising_id',
  'microsoft_advertising_id',
];

const DEVICE_SET = new Set(DEVICE_ID_TYPES);
const CSV_IDENTITY_SET = new Set(['mpid', ...USER_IDENTITY_TYPES, ...DEVICE_ID_TYPES]);

export const isDeviceIdType = (type: string): boolean => DEVICE_SET.has(type);
export const isCsvIdentityColumn = (header: string): boolean => CSV_IDENTITY_SET.has(header);

export interface RecordIdentity {
  type: string;
  value: string;
  device: boolean;
}

export type IdentityValue = { value: string } | { absent: true } | { error: string };

const MPID_TEXT = /^[+-]?\d{1,20}$/;

/**
 * A user identity (or mpid) value: strings trimmed (email also lowercased), numbers as their exact
 * source text; null, empty or white space is absent; objects, arrays and booleans are errors.
 */
export function identityValue(type: string, raw: unknown): IdentityValue {
  if (raw === null || raw === undefined) return { absent: true };
  let text: string;
  if (typeof raw === 'number' || isBigNumber(raw)) {
    text = exactNumberText(raw) ?? '';
  } else if (typeof raw === 'string') {
    text = raw.trim();
  } else {
    const what = Array.isArray(raw)
      ? 'an array'
      : typeof raw === 'boolean'
        ? 'a boolean'
        : 'an object';
    return { error: `${type} is ${what}; an identity must be a string or a number` };
  }
  if (text === '') return { absent: true };
  if (type === 'email') text = text.toLowerCase();
  if (type === 'mpid' && !MPID_TEXT.test(text)) {
    return { error: `mpid "${text}" is not a 64-bit integer` };
  }
  return { value: text };
}

/** A device id as stored, or undefined when it is to be dropped (all zeros, dashes, not a string). */
export function deviceIdValue(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const v = raw.trim().toLowerCase();
  // Kept when any character is other than '0' or '-' (a loop: two ids per batch, no garbage).
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c !== 48 && c !== 45) return v;
  }
  return undefined;
}
