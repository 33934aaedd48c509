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

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Validation messages, exported so tests can assert the exact text. */
export const SESSION_PROBLEMS = {
  object: (value: unknown) => `session must be an object; got ${show(value)}`,
  duration: (field: string, value: unknown) => `session.${field} must be a positive number of milliseconds; got ${show(value)}`,
  storageKey: (value: unknown) => `session.storageKey must be a non-empty string; got ${show(value)}`,
  storage: (value: unknown) => `session.storage must be one of ${STORAGE_KINDS.join(', ')}; got ${show(value)}`,
};

/** Fills in the session defaults; pushes a message to `problems` for each bad field. */
export function resolveSessionOptions(value: unknown, problems: string[]): ResolvedSessionOptions {
  if (value === undefined) return { ...DEFAULT_SESSION };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(SESSION_PROBLEMS.object(value));
    return { ...DEFAULT_SESSION };
  }
  const input = value as Record<string, unknown>;
  const resolved = { ...DEFAULT_SESSION };
  for (const field of ['idleTimeoutMs', 'maxAgeMs'] as const) {
    const given = input[field];
    if (given === undefined) continue;
    if (typeof given === 'number' && given > 0 && Number.isFinite(given)) resolved[field] = given;
    else problems.push(SESSION_PROBLEMS.duration(field, given));
  }
  if (input.storage !== undefined) {
    if (STORAGE_KINDS.includes(input.storage as SessionStorageKind)) resolved.storage = input.storage as SessionStorageKind;
    else problems.push(SESSION_PROBLEMS.storage(input.storage));
  }
  if (input.storageKey !== undefined) {
    if (typeof input.storageKey === 'string' && input.storageKey !== '') resolved.storageKey = input.storageKey;
    else problems.push(SESSION_PROBLEMS.storageKey(input.storageKey));
  }
  return resolved;
}
