import { PermanentPartnerError, TransientPartnerError } from './publish-types';
import { backoffMs, parseRetryAfter, type RetryPolicy } from './retry-policy';

// One HTTP call to a partner, retried on passing failures. Each client says how to read its
// partner's answers (what is throttling, what is permanent, where the message is).

export interface PartnerRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface PartnerResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export type Verdict = 'ok' | 'retry' | 'permanent' | 'gone';

export interface PartnerDialect {
  partner: string;
  /** Classifies a response; the default: 2xx ok, 429/5xx retry, other 4xx permanent. */
  classify?(res: PartnerResponse): Verdict;
  /** The partner's own message from an error body. */
  message(res: PartnerResponse): string | undefined;
}

export interface PartnerHttpOptions {
  retry: RetryPolicy;
  /** A response slower than this is abandoned and retried. */
  timeoutMs: number;
  now(): number;
  /** Called before each retry, for logs and progress ("waiting 4 s: 429 from Mailchimp"). */
  onRetry?(info: { attempt: number; waitMs: number; reason: string }): void;
}

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

function defaultVerdict(res: PartnerResponse): Verdict {
  if (res.status >= 200 && res.status < 300) return 'ok';
  if (res.status === 429 || res.status >= 500) return 'retry';
  return 'permanent';
}

/** The credentials a request carries, to keep them out of any message a partner echoes back. */
function credentialsOf(req: PartnerRequest): string[] {
  const auth = req.headers?.authorization;
  if (!auth) return [];
  const token = auth.slice(auth.lastIndexOf(' ') + 1);
  const out = [auth, token];
  if (auth.startsWith('Basic ')) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    out.push(decoded, decoded.slice(decoded.indexOf(':') + 1));
  }
  return out.filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
}

function redact(text: string, credentials: string[]): string {
  let out = text;
  for (const c of credentials) out = out.split(c).join('[redacted]');
  return out;
}

/** fetch says only "fetch failed"; the reason is in its cause. */
function describe(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const cause = (e as { cause?: unknown })?.cause;
  return cause instanceof Error && cause.message !== message
    ? `${message} (${cause.message})`
    : message;
}

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function partnerCall(
  req: PartnerRequest,
  dialect: PartnerDialect,
  opts: PartnerHttpOptions,
): Promise<PartnerResponse> {
  const { retry } = opts;
  const credentials = credentialsOf(req);
  let lastReason = '';
  let offline = false;
  for (let attempt = 1; ; attempt++) {
    if (req.signal?.aborted) throw req.signal.reason;
    let waitHint: number | undefined;
    try {
      const timeout = AbortSignal.timeout(opts.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      const r = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal,
      });
      const text = await r.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const res: PartnerResponse = { status: r.status, headers: r.headers, text, json };
      const verdict = (dialect.classify ?? defaultVerdict)(res);
      if (verdict === 'ok') return res;
      const said = redact(
        dialect.message(res) ?? (text.slice(0, 300) || `HTTP ${res.status}`),
        credentials,
      );
      if (verdict === 'permanent' || verdict === 'gone') {
        throw new PermanentPartnerError(
          `${dialect.partner} refused the request (HTTP ${res.status}): ${said}`,
          res.status,
          verdict === 'gone',
        );
      }
      offline = false;
      lastReason = `HTTP ${res.status} from ${dialect.partner}: ${said}`;
      waitHint = parseRetryAfter(r.headers.get('retry-after'), opts.now());
    } catch (e) {
      if (e instanceof PermanentPartnerError) throw e;
      if (req.signal?.aborted) throw req.signal.reason;
      const code = errorCode(e);
      offline = code !== undefined && OFFLINE_CODES.has(code);
      const isTimeout = (e as Error)?.name === 'TimeoutError';
      lastReason = isTimeout
        ? `${dialect.partner} did not answer within ${opts.timeoutMs} ms`
        : `could not reach ${dialect.partner}${code ? ` (${code})` : ''}: ${describe(e)}`;
    }
    if (attempt >= retry.maxAttempts) {
      throw new TransientPartnerError(
        `${lastReason} (gave up after ${attempt} attempt${attempt === 1 ? '' : 's'})`,
        offline,
      );
    }
    if (waitHint !== undefined && waitHint > retry.maxRetryAfterMs) {
      throw new TransientPartnerError(
        `${lastReason}; the partner asked to wait ${Math.round(waitHint / 1000)} s`,
        false,
      );
    }
    const waitMs = backoffMs(retry, attempt, waitHint);
    opts.onRetry?.({ attempt, waitMs, reason: lastReason });
    await retry.sleep(waitMs, req.signal);
  }
}
