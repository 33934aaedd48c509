import type { Consent } from '../privacy/consent';
import type { Logger } from '../lib/logger';
import type { PersistOptions } from '../config/types';
import { toJson } from '../lib/json';
import { isArray, parseJson } from '../lib/natives';
import type { DropCounter } from './drops';
import { randomHex } from '../lib/random-id';

/** A batch kept in browser storage until a page of the same origin can send it. */
export interface StoredBatch {
  /** Batches are only ever sent to the endpoint they were made for (headers are not stored: they may hold keys). */
  endpoint: string;
  body: string;
  spans: number;
  /** Lost spans the body reports (`otel_browser.dropped_spans`): counted again if it is lost too. */
  reported?: number;
  bytes: number;
  createdAt: number;
  /** Set by the store: what `ack` names. */
  id?: string;
  /** A tab is sending it until then (ms since the epoch): other tabs leave it alone until it lapses. */
  leasedUntil?: number;
}

/** What {@link BatchStore.lease} hands out: batches to send now, and when leased ones of others lapse. */
export interface Leased {
  batches: StoredBatch[];
  /** The earliest time a batch leased elsewhere (or by a page that died) may be taken, if any. */
  retryAt?: number;
}

export interface BatchStore {
  /**
   * Keeps a batch; `false` when it cannot (no consent, no storage, storage full): the caller counts it
   * dropped. `now` (page hide) writes synchronously to localStorage: an IndexedDB transaction begun in
   * `pagehide` is not sure to commit before the page is gone (measured: Chromium lost some).
   */
  put(batch: StoredBatch, now?: boolean, leaseMs?: number): string | false;
  /**
   * Whether a `put` now would go to IndexedDB with consent: where delivery may move batches while the
   * collector is failing. Not localStorage: each write there reads every stored batch first, synchronously.
   */
  ready(): boolean;
  /**
   * Leases every stored batch of this endpoint that nobody holds, for `leaseMs`, in one transaction: the
   * batches stay stored (a page dying mid-send loses nothing) while no other live tab sends them. Expired
   * batches are discarded on the way.
   */
  lease(leaseMs: number): Promise<Leased>;
  /** A 2xx came for the batch (or it was refused for good): it is deleted. */
  ack(id: string): void;
  /**
   * The page is going: batches handed to IndexedDB whose write has not committed yet (the database still
   * opening, up to 3 s where it never answers) are written to localStorage now, synchronously.
   */
  flush(): void;
  /** Deletes every stored batch for this endpoint (consent was denied), without creating any storage. */
  discardAll(): Promise<void>;
  /** Deletes every stored batch of every endpoint (consent was denied), without creating any storage. */
  clearAll(): Promise<void>;
}

interface StoreParts {
  win: typeof globalThis;
  /** Counts a batch counted as stored whose asynchronous write failed, and that no fallback could keep. */
  drops?: Pick<DropCounter, 'count'>;
  endpoint: string;
  options: Required<PersistOptions>;
  consent: Consent;
  logger: Logger;
  now?: () => number;
}

const DB_NAME = 'otel-browser';
const STORE = 'batches';
/**
 * In localStorage each batch has an entry of its own, its id after this prefix. Tabs of one origin see
 * each other's localStorage writes late, so rewriting one shared list lost the batches another tab had
 * just added (measured in Chromium: two tabs appending to one list at once kept 2,238 of 4,000 entries).
 */
export const LOCAL_PREFIX = 'otel-browser.batches.';
/** Where versions before 0.2 kept them all, in one list: moved to entries of their own when seen. */
const LEGACY_KEY = 'otel-browser.batches';

/** How long opening IndexedDB may take before localStorage is used instead (some Safari versions never answer). */
export const IDB_OPEN_TIMEOUT_MS = 3000;

/**
 * IndexedDB where it opens, localStorage otherwise and on page hide. Nothing is opened or written
 * before consent is granted. IndexedDB writes are committed explicitly (`transaction.commit()`) so
 * they do not wait for the task to end.
 */
export function createBatchStore({ win, endpoint, options, consent, logger, now = Date.now, drops }: StoreParts): BatchStore {
  let db: Promise<IDBDatabase | undefined> | undefined;
  // Bytes this page believes are stored; refreshed by lease(), so one page cannot grow storage unbounded.
  let storedBytes = 0;
  // Batches handed to IndexedDB and not yet committed there, by id: what flush() saves at page hide.
  const unwritten = new Map<string, StoredBatch>();
  const fresh = (b: StoredBatch) => now() - b.createdAt <= options.maxAgeMs;

  function open(): Promise<IDBDatabase | undefined> {
    db ??= new Promise<IDBDatabase | undefined>((resolve) => {
      const timer = setTimeout(() => {
        logger.debug(`IndexedDB did not open within ${IDB_OPEN_TIMEOUT_MS} ms: using localStorage`);
        indexedDbFound = false;
        resolve(undefined);
      }, IDB_OPEN_TIMEOUT_MS);
      const done = (database: IDBDatabase | undefined) => {
        clearTimeout(timer);
        if (!database) indexedDbFound = false;
        resolve(database);
      };
      try {
        const request = win.indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE, { autoIncrement: true });
        request.onsuccess = () => {
          // Another page deleting the database (consent denied there) must not wait for this one to close.
          request.result.onversionchange = () => {
            request.result.close();
            db = undefined;
          };
          done(request.result);
        };
        request.onerror = request.onblocked = () => done(undefined);
      } catch {
        done(undefined);
      }
    });
    return db;
  }

  /**
   * This origin's batches in localStorage (none where it is disabled), each with the id its key names;
   * entries that are not batches are skipped.
   */
  function readLocal(): StoredBatch[] {
    const list: StoredBatch[] = [];
    try {
      for (const key of localKeys(win.localStorage)) {
        try {
          const batch = parseJson(win.localStorage.getItem(key)!);
          if (batch?.endpoint) list.push({ ...batch, id: key.slice(LOCAL_PREFIX.length) });
        } catch {
          // Another tab deleted it meanwhile, or it is not ours to read.
        }
      }
    } catch {
      // Storage disabled.
    }
    return list;
  }

  function writeLocal(batch: StoredBatch): boolean {
    try {
      win.localStorage.setItem(LOCAL_PREFIX + batch.id, toJson(batch));
      return true;
    } catch {
      return false; // Quota exceeded or storage disabled.
    }
  }

  function removeLocal(id: string | undefined): void {
    try {
      win.localStorage.removeItem(LOCAL_PREFIX + id);
    } catch {
      // Storage disabled: nothing was stored there.
    }
  }

  /** Moves the batches an earlier version kept in one list to entries of their own, once. */
  function moveLegacy(): void {
    try {
      const legacy = win.localStorage.getItem(LEGACY_KEY);
      if (legacy == null) return;
      win.localStorage.removeItem(LEGACY_KEY);
      const list = parseJson(legacy);
      if (isArray(list)) for (const b of list as StoredBatch[]) writeLocal({ ...b, id: b.id ?? randomHex(8) });
    } catch {
      // Unreadable: nothing to move.
    }
  }

  /** Whether `b` is this endpoint's, fresh and free (not leased by a live page): then it is leased to us. */
  function claim(b: StoredBatch, until: number, leased: Leased): boolean {
    if (b.endpoint !== endpoint) return false;
    const t = now();
    if (b.leasedUntil && b.leasedUntil > t) {
      leased.retryAt = Math.min(leased.retryAt ?? Infinity, b.leasedUntil);
      return false;
    }
    b.leasedUntil = until;
    leased.batches.push(b);
    return true;
  }

  // Checked on first use, not during init(): a page's first touch of `indexedDB` sets it up.
  let indexedDbFound: boolean | undefined;
  const hasIndexedDb = (): boolean => (indexedDbFound ??= supportsIndexedDb(win));

  function putLocal(batch: StoredBatch): boolean {
    // This endpoint's fresh bytes only, as in IndexedDB: another endpoint's batches (another SDK on the
    // origin) must not use up this one's room.
    const bytes = readLocal().reduce((sum, b) => sum + (b.endpoint === endpoint && fresh(b) ? b.bytes : 0), 0);
    return !(storedBytes + bytes + batch.bytes > options.maxBytes) && writeLocal(batch);
  }

  function putIndexedDb(database: IDBDatabase, batch: StoredBatch): void {
    // A failed write was counted as stored: localStorage gets it, or it is counted lost. Never both, and
    // not at all when flush() already saved it there.
    const failed = (error: unknown) => {
      if (!unwritten.delete(batch.id!)) return;
      logger.debug('could not store a batch in IndexedDB', error);
      if (!putLocal(batch)) drops?.count(batch.spans, batch.reported);
    };
    try {
      const tx = database.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).add(batch);
      tx.onerror = tx.onabort = () => failed(tx.error);
      tx.oncomplete = () => unwritten.delete(batch.id!);
      (tx as IDBTransaction & { commit?: () => void }).commit?.();
    } catch (error) {
      failed(error);
    }
  }

  /** Runs `visit` on every stored record in one readwrite transaction; resolves false where it failed. */
  function eachIndexedDb(database: IDBDatabase, visit: (batch: StoredBatch, cursor: IDBCursorWithValue) => void): Promise<boolean> {
    return new Promise((resolve) => {
      try {
        const tx = database.transaction(STORE, 'readwrite');
        const cursor = tx.objectStore(STORE).openCursor();
        cursor.onsuccess = () => {
          const current = cursor.result;
          if (!current) return;
          visit(current.value as StoredBatch, current);
          current.continue();
        };
        tx.oncomplete = () => resolve(true);
        tx.onerror = tx.onabort = () => resolve(false);
      } catch {
        resolve(false);
      }
    });
  }

  return {
    put(batch, now = false, leaseMs) {
      if (!consent.isGranted() || batch.bytes > options.maxBytes) return false;
      const id = randomHex(8);
      const record: StoredBatch = { ...batch, id, leasedUntil: leaseMs ? Date.now() + leaseMs : undefined };
      if (now || !hasIndexedDb()) return putLocal(record) && id;
      if (storedBytes + batch.bytes > options.maxBytes) return false;
      storedBytes += batch.bytes;
      unwritten.set(id, record);
      // Written once the database is open (at once, a microtask later, when it already is), unless
      // flush() has saved it to localStorage meanwhile.
      void open().then((database) => {
        if (!unwritten.has(id)) return;
        if (database) putIndexedDb(database, record);
        else {
          unwritten.delete(id);
          storedBytes -= batch.bytes;
          if (!putLocal(record)) drops?.count(batch.spans, batch.reported);
        }
      });
      return id;
    },
    ready: () => consent.isGranted() && hasIndexedDb(),
    flush() {
      for (const [id, batch] of unwritten) {
        storedBytes -= batch.bytes;
        // Where localStorage refuses it too, IndexedDB may still commit it: left to that.
        if (putLocal(batch)) unwritten.delete(id);
        else storedBytes += batch.bytes;
      }
    },
    async lease(leaseMs) {
      const leased: Leased = { batches: [] };
      if (!consent.isGranted()) return leased;
      const until = now() + leaseMs;
      const database = hasIndexedDb() ? await open() : undefined;
      // Batches kept in localStorage (where IndexedDB was unavailable, now or on an earlier load) too;
      // expired ones are dropped on the way. Each claimed entry is rewritten alone: two tabs claiming one
      // at once both send it (a duplicate), but neither ever erases another batch.
      moveLegacy();
      const local = readLocal();
      for (const b of local) {
        if (!fresh(b)) removeLocal(b.id);
        else if (claim(b, until, leased)) writeLocal(b);
      }
      // A batch flush() saved to localStorage while its IndexedDB write was under way may be in both:
      // the localStorage entry is the one kept.
      const inLocal = new Set(local.map((b) => b.id));
      if (database) {
        let total = 0;
        await eachIndexedDb(database, (batch, cursor) => {
          if (!fresh(batch) || inLocal.has(batch.id)) cursor.delete();
          else if (claim(batch, until, leased)) cursor.update(batch);
          else if (batch.endpoint !== endpoint) total += batch.bytes;
        });
        storedBytes = total;
      }
      return leased;
    },
    ack(id) {
      try {
        removeLocal(id);
        if (db) void db.then((database) => database && eachIndexedDb(database, (batch, cursor) => batch.id === id && cursor.delete()));
      } catch (error) {
        logger.debug('could not delete a sent batch', error);
      }
    },
    clearAll: () => clearStoredBatches(win, db),
    async discardAll() {
      try {
        for (const b of readLocal()) if (b.endpoint === endpoint) removeLocal(b.id);
        if (!hasIndexedDb()) return;
        // Opening a database that does not exist would create it: look first (unless this page opened it).
        const exists = db || (await win.indexedDB.databases?.())?.some((d) => d.name === DB_NAME);
        const database = exists ? await open() : undefined;
        if (database) await eachIndexedDb(database, (batch, cursor) => batch.endpoint === endpoint && cursor.delete());
      } catch (error) {
        logger.debug('could not discard stored batches', error);
      }
    },
  };
}

/**
 * Deletes every stored batch of every endpoint: the localStorage list, and the IndexedDB store (emptied
 * through `opened`, this page's connection, else the database deleted, which creates none). Never throws.
 */
export async function clearStoredBatches(win: typeof globalThis, opened?: Promise<IDBDatabase | undefined>): Promise<void> {
  try {
    const storage = win.localStorage;
    for (const key of [LEGACY_KEY, ...localKeys(storage)]) storage.removeItem(key);
  } catch {
    // Storage disabled: nothing was stored there.
  }
  try {
    const database = await opened;
    if (database) {
      const tx = database.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).clear();
      (tx as IDBTransaction & { commit?: () => void }).commit?.();
    } else if (supportsIndexedDb(win) && typeof win.indexedDB.deleteDatabase === 'function') win.indexedDB.deleteDatabase(DB_NAME);
  } catch {
    // Nothing more can be done; nothing is sent from storage without consent anyway.
  }
}

/** The keys of the batches stored in `storage`, read before any is removed (removal renumbers them). */
function localKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(LOCAL_PREFIX)) keys.push(key);
  }
  return keys;
}

/** Whether the page may use IndexedDB (reading `indexedDB` throws in some sandboxed frames). */
function supportsIndexedDb(win: typeof globalThis): boolean {
  try {
    return typeof win.indexedDB?.open === 'function';
  } catch {
    return false;
  }
}
