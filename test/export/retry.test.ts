import { expect } from 'chai';
import { isRetryable, parseRetryAfter, retryDelay } from '../../src/export/retry';

describe('delivery: the retry policy', () => {
  it('retries network errors, 429, 502, 503 and 504, and nothing else', () => {
    expect([0, 429, 502, 503, 504].every(isRetryable)).to.equal(true);
    expect([400, 401, 403, 404, 413, 415, 500, 501].some(isRetryable)).to.equal(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('2', now)).to.equal(2000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT', now)).to.equal(30000);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
  });

  it('backs off exponentially with jitter, capped, never below Retry-After', () => {
    const options = { initialDelayMs: 1000, maxDelayMs: 8000, maxElapsedMs: 60000 };
    expect([0, 1, 2, 3, 4].map((attempt) => retryDelay(attempt, undefined, options, () => 0))).to.deep.equal([500, 1000, 2000, 4000, 4000]);
    expect([0, 1, 2, 3, 4].map((attempt) => retryDelay(attempt, undefined, options, () => 1))).to.deep.equal([1000, 2000, 4000, 8000, 8000]);
    expect(retryDelay(0, 5000, options, () => 0.5)).to.equal(5000);
  });
});
