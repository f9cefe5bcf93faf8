import { describe, expect, it } from 'vitest';
import { deviceIdValue } from './identity-rules';

describe('deviceIdValue', () => {
  it('drops ids made only of zeros and dashes (Limit Ad Tracking), empty ids and non-strings', () => {
    for (const raw of ['00000000-0000-0000-0000-000000000000', '0', '---', '', '  0-0  ', 42, null])
      expect(deviceIdValue(raw), JSON.stringify(raw)).toBeUndefined();
  });

  it('keeps every other id, trimmed and lower-cased', () => {
    expect(deviceIdValue(' 6D92078A-8246-4BA4-AE5B-76104861E7DC ')).toBe(
      '6d92078a-8246-4ba4-ae5b-76104861e7dc',
    );
    expect(deviceIdValue('00000000-0000-0000-0000-000000000001')).toBe(
      '00000000-0000-0000-0000-000000000001',
    );
    expect(deviceIdValue('-0x')).toBe('-0x');
  });
});
