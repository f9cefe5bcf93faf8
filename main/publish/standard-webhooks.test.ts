import { describe, expect, it } from 'vitest';
import { batchMessageId, signWebhook, verifyWebhook, webhookKey } from './standard-webhooks';

describe('Standard Webhooks signatures', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';

  it('matches the published test vector', () => {
    expect(signWebhook(secret, id, 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('verifies a good signature among several and refuses a changed body or timestamp', () => {
    const sig = signWebhook(secret, id, 1614265330, '{"test": 2432232314}');
    expect(verifyWebhook(secret, id, 1614265330, '{"test": 2432232314}', `v1,bogus ${sig}`)).toBe(
      true,
    );
    expect(verifyWebhook(secret, id, 1614265330, '{"test": 2432232315}', sig)).toBe(false);
    expect(verifyWebhook(secret, id, 1614265331, '{"test": 2432232314}', sig)).toBe(false);
  });

  it('refuses a secret that is not base64', () => {
    expect(() => webhookKey('whsec_not base64!')).toThrow(/whsec_/);
  });

  it('gives each batch a stable id of its own', () => {
    expect(batchMessageId(1, 'a', 7, 0)).toBe(batchMessageId(1, 'a', 7, 0));
    const ids = new Set([
      batchMessageId(1, 'a', 7, 0),
      batchMessageId(1, 'a', 7, 1),
      batchMessageId(1, 'a', 8, 0),
      batchMessageId(2, 'a', 7, 0),
      batchMessageId(1, 'b', 7, 0),
    ]);
    expect(ids.size).toBe(5);
    expect(batchMessageId(1, 'a', 7, 0)).toMatch(/^msg_[A-Za-z0-9_-]{24}$/);
  });
});
