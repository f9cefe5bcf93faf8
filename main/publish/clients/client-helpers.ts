import {
  partnerCall,
  type PartnerDialect,
  type PartnerHttpOptions,
  type PartnerRequest,
  type PartnerResponse,
} from '../partner-http';
import type { MatchRules, SentIdentifiers } from '../publish-types';

// Small pieces the partner clients share.

/** The first value of the first type that has one passing the partner's test, trimmed. */
export function firstValue(
  identities: Record<string, string[]>,
  rules: MatchRules,
  ...types: string[]
): string | undefined {
  for (const t of types) {
    const ok = rules[t];
    const v = identities[t]?.find((x) => (ok ? ok(x) : x.trim() !== ''));
    if (v !== undefined) return v.trim();
  }
  return undefined;
}

export const nonEmpty = (v: string): boolean => v.trim() !== '';
export const looksLikeEmail = (v: string): boolean => /^[^\s@]+@[^\s@]+$/.test(v.trim());

export function sentString(sent: SentIdentifiers, key: string): string | undefined {
  const v = sent[key];
  return typeof v === 'string' ? v : undefined;
}

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

export function requireSecret(secret: string | undefined, what: string): string {
  if (!secret) throw new Error(`no ${what} is available for this connection`);
  return secret;
}

/** One partner call with a JSON body (when there is one, with its content type) read by `dialect`. */
export function jsonCall(
  req: Omit<PartnerRequest, 'body'> & { headers: Record<string, string>; body?: unknown },
  dialect: PartnerDialect,
  http: PartnerHttpOptions,
  contentType = 'application/json',
): Promise<PartnerResponse> {
  const { body, ...rest } = req;
  return partnerCall(
    {
      ...rest,
      headers: { ...req.headers, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    dialect,
    http,
  );
}

/** The id a partner gave what it just created (a string or a number), as text. */
export function createdId(json: unknown, what: string): string {
  const id = (json as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new Error(`${what} but its reply had no id`);
  }
  return String(id);
}

/** Runs `fn` over items with at most `limit` in flight, keeping results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: unknown;
  async function worker(): Promise<void> {
    while (next < items.length && failed === undefined) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!);
      } catch (e) {
        failed ??= e;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed !== undefined) throw failed;
  return out;
}
