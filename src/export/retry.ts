import type { RetryOptions } from '../config/types';

/**
 * Statuses worth another try: 0 (network error, CORS failure, refused keepalive), 429 (slow down),
 * 502/503/504 (the collector or a proxy in front of it is away). Any other 4xx means the request itself
 * is wrong and would fail again; 500 and 501 likewise mean the body cannot be accepted.
 */
export function isRetryable(status: number): boolean {
  return [0, 429, 502, 503, 504].includes(status);
}

/**
 * Reads `Retry-After` (seconds, or an HTTP date) as a wait in ms; `undefined` when absent or unreadable.
 * A collector on another origin must list it in `Access-Control-Expose-Headers`, or the browser hides it.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before attempt `attempt + 1`: exponential backoff with "equal jitter" (half fixed, half random,
 * so many pages that failed together do not all come back at once), never shorter than `Retry-After`.
 */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, options: Required<RetryOptions>, random: () => number = Math.random): number {
  const backoff = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(attempt, 30));
  return Math.max(Math.round(backoff / 2 + (random() * backoff) / 2), retryAfterMs ?? 0);
}
