import { describe, expect, it } from 'vitest';
import {
  hashEmailForMeta,
  hashPhoneForMeta,
  normalizePhoneForMeta,
  phoneToE164,
  sha256Hex,
} from './identifier-hashing';

// Meta's published test vectors (integrations.md).
describe('Meta normalization and hashing', () => {
  it('trims white space and dots, lowercases, hashes as lowercase hex', () => {
    const test = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    expect(hashEmailForMeta('  test  ')).toBe(test);
    expect(hashEmailForMeta('test')).toBe(test);
    expect(hashEmailForMeta('..test..')).toBe(test);
    expect(hashEmailForMeta('TEST')).toBe(test);
    expect(hashEmailForMeta('john_smith@gmail.com')).toBe(
      '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
    );
    expect(hashEmailForMeta(' John_Smith@Gmail.com. ')).toBe(
      hashEmailForMeta('john_smith@gmail.com'),
    );
  });

  it('keeps phone digits with the country code and no leading zeros', () => {
    expect(hashPhoneForMeta('16505551212')).toBe(
      'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
    );
    expect(normalizePhoneForMeta('+001-800-555-1234')).toBe('18005551234');
    expect(normalizePhoneForMeta('0044 207 123 4567')).toBe('442071234567');
    expect(hashPhoneForMeta('+1 (650) 555-1212')).toBe(hashPhoneForMeta('16505551212'));
  });

  it('hashes text as UTF-8', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('makes E.164 numbers for Klaviyo and refuses ones too short', () => {
    expect(phoneToE164('0044 207 123 4567')).toBe('+442071234567');
    expect(phoneToE164('12-34')).toBeNull();
  });
});
