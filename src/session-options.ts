import { isNumberIn, isObject, mustBe, mustBeObject, oneOf } from './lib/validate';

/** Where the session is kept: `localStorage` (shared by the origin's tabs), `sessionStorage` (one tab), or `memory` (one page load). */
export type SessionStorageKind = 'localStorage' | 'sessionStorage' | 'memory';

/** Session options, `init({ session: {...} })`. */
export interface SessionOptions {
  /** A session ends after this long without user activity, in ms. @default 900000 (15 minutes) */
  idleTimeoutMs?: number;
  /** A session ends this long after it started, however active, in ms. @default 14400000 (4 hours) */
  maxAgeMs?: number;
  /** Where the session id is kept between page loads. @default 'localStorage' */
  storage?: SessionStorageKind;
  /**
   * The storage key. Apps on one origin share a session unless they use different keys.
   * @default 'otel-browser.session'
   */
  storageKey?: string;
}

export type ResolvedSessionOptions = Required<SessionOptions>;

export const DEFAULT_SESSION: ResolvedSessionOptions = {
  idleTimeoutMs: 15 * 60 * 1000,
  maxAgeMs: 4 * 60 * 60 * 1000,
  storage: 'localStorage',
  storageKey: 'otel-browser.session',
};

const STORAGE_KINDS: readonly SessionStorageKind[] = ['localStorage', 'sessionStorage', 'memory'];

/** Validation messages, exported so tests can assert the exact text. */
export const SESSION_PROBLEMS = {
  object: (value: unknown) => mustBeObject('session', value),
  duration: (field: string, value: unknown) => mustBe(`session.${field}`, 'a positive number of milliseconds', value),
  storageKey: (value: unknown) => mustBe('session.storageKey', 'a non-empty string', value),
  storage: (value: unknown) => mustBe('session.storage', oneOf(STORAGE_KINDS), value),
};

/** Fills in the session defaults; pushes a message to `problems` for each bad field. */
export function resolveSessionOptions(value: unknown, problems: string[]): ResolvedSessionOptions {
  const resolved = { ...DEFAULT_SESSION };
  if (value === undefined) return resolved;
  if (!isObject(value)) {
    problems.push(SESSION_PROBLEMS.object(value));
    return resolved;
  }
  for (const field of ['idleTimeoutMs', 'maxAgeMs'] as const) {
    const given = value[field];
    if (given === undefined) continue;
    // More than 0: the smallest positive number is the bound.
    if (isNumberIn(given, Number.MIN_VALUE)) resolved[field] = given;
    else problems.push(SESSION_PROBLEMS.duration(field, given));
  }
  if (value.storage !== undefined) {
    if (STORAGE_KINDS.includes(value.storage as SessionStorageKind)) resolved.storage = value.storage as SessionStorageKind;
    else problems.push(SESSION_PROBLEMS.storage(value.storage));
  }
  if (value.storageKey !== undefined) {
    if (typeof value.storageKey === 'string' && value.storageKey !== '') resolved.storageKey = value.storageKey;
    else problems.push(SESSION_PROBLEMS.storageKey(value.storageKey));
  }
  return resolved;
}
