import { isNumberIn, isObject, mustBe, mustBeObject, oneOf, TOGGLE } from '../lib/validate';

/** How long and how often a failed export is tried again. */
export interface RetryOptions {
  /** First wait after a failure, in ms; doubles per attempt (with jitter). @default 1000 */
  initialDelayMs?: number;
  /** Longest single wait, in ms. @default 30000 */
  maxDelayMs?: number;
  /** Give up (and store the batch, see `persist`) once this long has passed since the first attempt, in ms. @default 60000 */
  maxElapsedMs?: number;
}

/** Where batches that could not be sent are kept until the next page load of the same origin. */
export interface PersistOptions {
  /** Bytes of stored batches at most; the oldest go first. @default 1000000 */
  maxBytes?: number;
  /** Stored batches older than this are discarded, in ms. @default 86400000 (one day) */
  maxAgeMs?: number;
}

/** The `export` option: how spans travel to the collector. Every field is optional. */
export interface ExportOptions {
  /** `'gzip'` compresses bodies with `CompressionStream` and sends `Content-Encoding: gzip`. @default 'none' */
  compression?: 'gzip' | 'none';
  /** Ended spans held in memory at most; beyond it new spans are dropped and counted. @default 2048 */
  maxQueueSize?: number;
  /** Estimated bytes of ended spans held in memory at most; beyond it new spans are dropped and counted. @default 1000000 */
  maxQueueBytes?: number;
  /** Spans per export request at most. @default 200 */
  maxBatchSize?: number;
  /** Bytes of one export request at most (before compression), 1000..60000: keeps requests within the keepalive budget. @default 30000 */
  maxBatchBytes?: number;
  /** How long ended spans wait for company before they are sent, in ms. @default 1000 */
  delayMs?: number;
  /** Retry failed exports (network error, 429, 502, 503, 504); `false` tries once. @default true */
  retry?: boolean | RetryOptions;
  /** Keep unsendable batches in IndexedDB (or localStorage) and send them on the next load; needs consent. @default true */
  persist?: boolean | PersistOptions;
}

export interface ResolvedExportOptions {
  compression: 'gzip' | 'none';
  maxQueueSize: number;
  maxQueueBytes: number;
  maxBatchSize: number;
  maxBatchBytes: number;
  delayMs: number;
  retry: Required<RetryOptions> | false;
  persist: Required<PersistOptions> | false;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { initialDelayMs: 1000, maxDelayMs: 30000, maxElapsedMs: 60000 };
export const DEFAULT_PERSIST: Required<PersistOptions> = { maxBytes: 1_000_000, maxAgeMs: 86_400_000 };

export const DEFAULT_EXPORT: ResolvedExportOptions = {
  compression: 'none',
  maxQueueSize: 2048,
  maxQueueBytes: 1_000_000,
  maxBatchSize: 200,
  maxBatchBytes: 30_000,
  delayMs: 1000,
  retry: DEFAULT_RETRY,
  persist: DEFAULT_PERSIST,
};

/** Validation messages for `export`, exported so tests can assert the exact text. */
export const EXPORT_PROBLEMS = {
  object: mustBeObject,
  compression: (value: unknown) => mustBe('export.compression', oneOf(['gzip', 'none']), value),
  number: (field: string, min: number, max: number, value: unknown) => mustBe(field, `a number from ${min} to ${max}`, value),
  toggle: (field: string, value: unknown) => mustBe(field, TOGGLE, value),
  unknown: (field: string) => `${field} is not an export option`,
};

type Ranges = Record<string, [min: number, max: number]>;

const TOP_RANGES: Ranges = {
  maxQueueSize: [1, 1_000_000],
  maxQueueBytes: [10_000, 100_000_000],
  maxBatchSize: [1, 10_000],
  maxBatchBytes: [1000, 60_000],
  delayMs: [0, 600_000],
};
const RETRY_RANGES: Ranges = { initialDelayMs: [1, 600_000], maxDelayMs: [1, 3_600_000], maxElapsedMs: [0, 86_400_000] };
const PERSIST_RANGES: Ranges = { maxBytes: [1000, 100_000_000], maxAgeMs: [1000, 30 * 86_400_000] };

/** Reports the keys of `raw` that `defaults` does not have: typos, or options from elsewhere. */
function unknownKeys(field: string, raw: object, defaults: object, problems: string[]): void {
  for (const key of Object.keys(raw)) if (!defaults.hasOwnProperty(key)) problems.push(EXPORT_PROBLEMS.unknown(`${field}.${key}`));
}

/** Copies the numbers of `raw` over `defaults`, each checked against its range. */
function numbers<T extends object>(prefix: string, raw: Record<string, unknown>, defaults: T, ranges: Ranges, problems: string[]): T {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, [min, max]] of Object.entries(ranges)) {
    const value = raw[key];
    if (value === undefined) continue;
    if (isNumberIn(value, min, max)) out[key] = value;
    else problems.push(EXPORT_PROBLEMS.number(`${prefix}.${key}`, min, max, value));
  }
  return out as T;
}

function toggle<T extends object>(field: string, value: unknown, defaults: T, ranges: Ranges, problems: string[]): T | false {
  if (value === undefined || value === true) return defaults;
  if (value === false) return false;
  if (!isObject(value)) {
    problems.push(EXPORT_PROBLEMS.toggle(field, value));
    return defaults;
  }
  unknownKeys(field, value, defaults, problems);
  return numbers(field, value, defaults, ranges, problems);
}

/**
 * Validates the `export` option and fills in defaults; each problem names the field and the value.
 * @param raw what the user passed as `export`
 * @param problems where problems are appended
 */
export function resolveExportOptions(raw: unknown, problems: string[]): ResolvedExportOptions {
  if (raw === undefined) return DEFAULT_EXPORT;
  if (!isObject(raw)) {
    problems.push(EXPORT_PROBLEMS.object('export', raw));
    return DEFAULT_EXPORT;
  }
  // DEFAULT_EXPORT has every option, so its keys are the known ones.
  unknownKeys('export', raw, DEFAULT_EXPORT, problems);
  const compression = raw.compression ?? 'none';
  if (compression !== 'gzip' && compression !== 'none') problems.push(EXPORT_PROBLEMS.compression(raw.compression));
  return {
    ...numbers('export', raw, DEFAULT_EXPORT, TOP_RANGES, problems),
    compression: compression === 'gzip' ? 'gzip' : 'none',
    retry: toggle('export.retry', raw.retry, DEFAULT_RETRY, RETRY_RANGES, problems),
    persist: toggle('export.persist', raw.persist, DEFAULT_PERSIST, PERSIST_RANGES, problems),
  };
}
