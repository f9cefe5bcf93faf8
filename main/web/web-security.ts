// The browser bridge's guards as small pure functions, each tested with hostile input. The bridge
// listens on 127.0.0.1 only, but any web page the user visits can send requests there, and a
// DNS-rebinding page can even make them same-origin under its own host name; so every API call
// must name our host, come from our origin (or none), and carry the per-run token.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The Host header must be our loopback address and port (refuses DNS rebinding). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A browser's Origin, when sent, must be our own; no Origin means a same-origin GET or a tool. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Browsers label cross-site requests; a page elsewhere cannot forge this header. */
export function isCrossSiteFetch(secFetchSite: string | undefined): boolean {
  return secFetchSite !== undefined && secFetchSite !== 'same-origin' && secFetchSite !== 'none';
}

/** Compares "Bearer <token>" in constant time. */
export function hasToken(authorization: string | undefined, token: string): boolean {
  if (!authorization || !authorization.startsWith('Bearer ')) return false;
  const given = Buffer.from(authorization.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
