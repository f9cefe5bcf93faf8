// Exponential backoff with full jitter, honouring a partner's Retry-After. The clock is injected so
// tests run in milliseconds.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
  /** Longest Retry-After honoured; a longer one stops the run (it resumes at the next publish). */
  maxRetryAfterMs: number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseMs: 500,
  maxMs: 30_000,
  maxRetryAfterMs: 120_000,
  sleep: realSleep,
  random: Math.random,
};

/** The wait before retry number `attempt` (1 = the first retry). */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  // Half fixed, half random: spreads clients apart without ever retrying immediately.
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or bad. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
