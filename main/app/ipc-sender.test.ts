import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './ipc-sender';

const contents = { id: 1 };
const top = { processId: 4, routingId: 1, url: 'app://studio/index.html' };
const window = { contents, top };

describe('isTrustedSender', () => {
  it('trusts our own window top frame on our origin', () => {
    expect(isTrustedSender(contents, { ...top }, window)).toBe(true);
  });

  it('refuses everything else', () => {
    expect(isTrustedSender(contents, top, null)).toBe(false);
    expect(isTrustedSender({ id: 2 }, top, window)).toBe(false);
    expect(isTrustedSender(contents, null, window)).toBe(false);
    expect(isTrustedSender(contents, { ...top, routingId: 2 }, window)).toBe(false);
    expect(isTrustedSender(contents, { ...top, processId: 5 }, window)).toBe(false);
    expect(isTrustedSender(contents, { ...top, url: 'https://evil.example/' }, window)).toBe(false);
    expect(
      isTrustedSender(contents, { ...top, url: 'chrome-error://chromewebdata/' }, window),
    ).toBe(false);
  });
});
