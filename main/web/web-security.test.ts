import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './static-files';
import {
  hasToken,
  isAllowedHost,
  isAllowedOrigin,
  isCrossSiteFetch,
  newToken,
} from './web-security';

describe('web bridge guards', () => {
  it('accepts only our loopback host and port', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('localhost:5000', 5000)).toBe(true);
    for (const host of [
      undefined,
      '',
      '127.0.0.1',
      '127.0.0.1:5001',
      'evil.com:5000',
      '127.0.0.1:5000.evil.com',
      '[::1]:5000',
    ]) {
      expect(isAllowedHost(host, 5000), String(host)).toBe(false);
    }
  });

  it('accepts no Origin or our own, nothing else', () => {
    expect(isAllowedOrigin(undefined, 5000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5000', 5000)).toBe(true);
    for (const o of [
      'null',
      'http://127.0.0.1:5001',
      'https://127.0.0.1:5000',
      'http://evil.com',
      'file://',
    ]) {
      expect(isAllowedOrigin(o, 5000), o).toBe(false);
    }
    expect(isCrossSiteFetch('cross-site')).toBe(true);
    expect(isCrossSiteFetch('same-site')).toBe(true);
    expect(isCrossSiteFetch('same-origin')).toBe(false);
    expect(isCrossSiteFetch(undefined)).toBe(false);
  });

  it('needs the exact bearer token', () => {
    const token = newToken();
    expect(newToken()).not.toBe(token);
    expect(hasToken(`Bearer ${token}`, token)).toBe(true);
    for (const a of [
      undefined,
      '',
      token,
      `bearer ${token}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      'Bearer ',
    ]) {
      expect(hasToken(a, token), String(a)).toBe(false);
    }
  });

  it('never resolves a static path outside the root', () => {
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html');
    expect(resolveStaticPath('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js');
    for (const p of [
      '/../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/a/../../etc',
      '/..%5c..%5cetc',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const resolved = resolveStaticPath('/srv/app', p);
      expect(resolved === null || resolved.startsWith('/srv/app/'), p).toBe(true);
    }
  });
});
