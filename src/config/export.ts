import { choice, range, toggle, type Rule } from './checks';
import { DEFAULT_PERSIST, DEFAULT_RETRY } from './defaults';

/** The rules of `export`; the ranges keep queues bounded and one request within the keepalive budget. */
export const EXPORT_RULES: Record<string, Rule> = {
  compression: choice(['gzip', 'none']),
  maxQueueSize: range(1, 1_000_000),
  maxQueueBytes: range(10_000, 100_000_000),
  maxBatchSize: range(1, 10_000),
  maxBatchBytes: range(1000, 60_000),
  delayMs: range(0, 600_000),
  retry: toggle({ initialDelayMs: range(1, 600_000), maxDelayMs: range(1, 3_600_000), maxElapsedMs: range(0, 86_400_000) }, DEFAULT_RETRY),
  persist: toggle({ maxBytes: range(1000, 100_000_000), maxAgeMs: range(1000, 30 * 86_400_000) }, DEFAULT_PERSIST),
};
