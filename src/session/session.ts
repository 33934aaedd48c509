import type { Consent } from '../privacy/consent';
import type { Logger } from '../lib/logger';
import { parseJson, stringify } from '../lib/natives';
import { randomHex } from '../lib/random-id';
import type { ResolvedSessionOptions } from '../config/types';

/**
 * What counts as the user being active: input, not the page's own background requests. Pointer events
 * cover touch input too: a touchstart listener would only add a second call per tap.
 */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'scroll'] as const;
/** Activity is written at most this often; otherwise every scroll event would be a storage write. */
const ACTIVITY_RESOLUTION_MS = 1000;
/** A session that claims to start further in the future than this came from a changed clock or a bad write. */
const CLOCK_SKEW_MS = 60 * 1000;
/** Captured at load: fake timers or other page code that replace Date.now later do not move sessions. */
const wallClock = Date.now;

export interface Session {
  /** 32 lowercase hex digits. */
  id: string;
  /** Epoch ms of the session's first use. */
  startedAt: number;
  /** Epoch ms of the last user activity (or the start). */
  lastActiveAt: number;
}

export interface SessionManager {
  /** The live session, rotated first if it expired. Re-reads storage (at most once per millisecond) so every tab agrees. */
  current(): Session;
  /** Records user activity now, pushing the idle deadline back. */
  touch(): void;
  /** Removes the listeners `createSessionManager` added. The stored session stays for the next page. */
  stop(): void;
}

export interface SessionDeps {
  window: Window & typeof globalThis;
  /** While not granted, the session lives in memory only: storage is neither read nor written. */
  consent: Consent;
  logger: Logger;
  /** Epoch ms; injected so tests can move time. @default Date.now */
  now?: () => number;
}

/**
 * Keeps the session: one id shared by the origin's tabs (with `localStorage`), ended after
 * `idleTimeoutMs` without user activity or `maxAgeMs` in total. Storage is the source of truth and is
 * re-read before every use in a new millisecond: another tab may have rotated the session since (the
 * `storage` event also tells us, but it arrives later than a span may start). When two tabs rotate at the
 * same instant the last write wins and both tabs continue with it from their next read.
 */
export function createSessionManager(options: ResolvedSessionOptions, deps: SessionDeps): SessionManager {
  const { window: win, consent, logger, now = wallClock } = deps;
  // Opened on first use, not during init(): a page's first touch of localStorage loads the origin's
  // storage, which is the costliest step of starting the session, and the first span comes later.
  // The `storage` listener (another tab rotated the session) waits for it too: adding one makes the
  // browser connect the page to its local storage right away.
  let opened: { store: Storage | undefined } | undefined;
  const storage = (): Storage | undefined => {
    if (!opened) {
      opened = { store: openStore(win, options.storage, logger) };
      if (opened.store) win.addEventListener('storage', onStorage);
    }
    return opened.store;
  };
  // The stored value is the JSON of a Session.
  const key = options.storageKey;
  let memory: Session | undefined;
  let cachedRaw: string | null | undefined;
  let cachedSession: Session | undefined;

  // The clock reading of the last storage read: the sampler and the session processor both ask as a span
  // starts, and one read serves every ask within the same millisecond.
  let readAt = NaN;

  const persisting = (): boolean => consent.isGranted() && storage() !== undefined;
  const readStored = (at: number): Session | undefined => {
    if (at === readAt) return cachedSession;
    readAt = at;
    const raw = attempt(() => storage()!.getItem(key), null);
    // Parsing once per distinct value keeps the per-span cost to one getItem.
    if (raw !== cachedRaw) [cachedRaw, cachedSession] = [raw, parseSession(raw)];
    return cachedSession;
  };
  const write = (session: Session): void => {
    const raw = stringify(session);
    attempt(() => storage()!.setItem(key, raw), undefined);
    [cachedRaw, cachedSession] = [raw, session];
  };
  const isLive = (session: Session | undefined, at: number): session is Session =>
    session !== undefined &&
    at - session.lastActiveAt < options.idleTimeoutMs &&
    at - session.startedAt < options.maxAgeMs &&
    session.startedAt <= at + CLOCK_SKEW_MS;

  const current = (): Session => {
    const at = now();
    const stored = persisting() ? readStored(at) : undefined;
    let session = stored ?? memory;
    if (!isLive(session, at)) {
      session = { id: randomHex(16), startedAt: at, lastActiveAt: at };
      logger.debug('new session', session.id);
    }
    // Also writes the in-memory session when storage had none (first use, or consent just granted).
    if (session !== stored && persisting()) write(session);
    memory = session;
    return session;
  };

  const touch = (): void => {
    const at = now();
    const session = current();
    if (at - session.lastActiveAt < ACTIVITY_RESOLUTION_MS) return;
    memory = { ...session, lastActiveAt: at };
    if (persisting()) write(memory);
  };

  const onStorage = (event: StorageEvent): void => {
    if (event.key !== key || !persisting() || event.storageArea !== storage()) return;
    const session = parseSession(event.newValue);
    if (session) memory = session;
    readAt = NaN;
  };
  const unsubscribe = consent.subscribe((state) => {
    if (state === 'granted') current();
    // Withdrawn consent: forget the stored id; this page keeps its session in memory.
    else if (state === 'denied') {
      attempt(() => storage()?.removeItem(key), undefined);
      readAt = NaN;
    }
  });
  const listenerOptions = { capture: true, passive: true };
  for (const type of ACTIVITY_EVENTS) win.addEventListener(type, touch, listenerOptions);

  return {
    current,
    touch,
    stop() {
      for (const type of ACTIVITY_EVENTS) win.removeEventListener(type, touch, listenerOptions);
      win.removeEventListener('storage', onStorage);
      unsubscribe();
    },
  };
}

/** The storage area for `kind`, or undefined for `memory` and where the browser refuses access (blocked cookies, sandboxed frames). */
function openStore(win: Window & typeof globalThis, kind: ResolvedSessionOptions['storage'], logger: Logger): Storage | undefined {
  if (kind === 'memory') return undefined;
  try {
    return win[kind] ?? undefined;
  } catch (error) {
    logger.debug(`${kind} is not available; the session lasts one page load`, error);
    return undefined;
  }
}

function parseSession(raw: string | null | undefined): Session | undefined {
  if (!raw) return undefined;
  try {
    const value = parseJson(raw) as Partial<Session>;
    const valid = typeof value.id === 'string' && /^[0-9a-f]{32}$/.test(value.id) && Number.isFinite(value.startedAt) && Number.isFinite(value.lastActiveAt);
    return valid ? { id: value.id!, startedAt: value.startedAt!, lastActiveAt: value.lastActiveAt! } : undefined;
  } catch {
    return undefined;
  }
}

/** Storage calls throw in private modes, on a full quota, or when the page blocks storage. */
function attempt<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback;
  }
}
