import { createHash } from 'node:crypto';

// Meta's matching rules (integrations.md): normalize, then SHA-256 as lowercase hex.

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Trims white space and dots at both ends, lowercases. */
export function normalizeEmailForMeta(email: string): string {
  return email.replace(/^[\s.]+|[\s.]+$/g, '').toLowerCase();
}

/** Digits only, country code kept, no leading zeros (an international 00 prefix is dropped). */
export function normalizePhoneForMeta(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^0+/, '');
}

export function hashEmailForMeta(email: string): string {
  return sha256Hex(normalizeEmailForMeta(email));
}

export function hashPhoneForMeta(phone: string): string {
  return sha256Hex(normalizePhoneForMeta(phone));
}

/** E.164 as Klaviyo wants it: a leading + then digits; null when there are too few digits. */
export function phoneToE164(phone: string): string | null {
  const digits = normalizePhoneForMeta(phone);
  return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
}
