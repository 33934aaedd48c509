import type { Consent } from '../consent';
import type { Logger } from '../lib/logger';
import type { PersistOptions } from '../config/types';

/** A batch kept in browser storage until a page of the same origin can send it. */
export interface StoredBatch {
  /** Batches are only ever sent to the endpoint they were made for (headers are not stored: they may hold keys). */
  endpoint: string;
  body: string;
  spans: number;
  bytes: number;
  createdAt: number;
}

export interface BatchStore {
  /**
   * Keeps a batch; `false` when it cannot (no consent, no storage, storage full): the caller counts it
   * dropped. `now` (page hide) writes synchronously to localStorage: an IndexedDB transaction begun in
   * `pagehide` is not sure to commit before the page is gone (measured: Chromium lost some).
   */
  put(batch: StoredBatch, now?: boolean): boolean;
  /**
   * Removes and returns every stored batch for this endpoint in one transaction, so two tabs never both
   * take (and send) the same batch. Expired batches are discarded on the way.
   */
  takeAll(): Promise<StoredBatch[]>;
  /** Deletes every stored batch of every endpoint (consent was denied), without creating any storage. */
  clearAll(): Promise<void>;
}

interface StoreParts {
  win: typeof globalThis;
  endpoint: string;
  options: Required<PersistOptions>;
  consent: Consent;
  logger: Logger;
  now?: () => number;
}

const DB_NAME = 'otel-browser';
const STORE = 'batches';
const LOCAL_KEY = 'otel-browser.batches';

/**
 * IndexedDB where it opens, localStorage otherwise and on page hide. Nothing is opened or written
 * before consent is granted. IndexedDB writes are committed explicitly (`transaction.commit()`) so
 * they do not wait for the task to end.
 */
export function createBatchStore({ win, endpoint, options, consent, logger, now = Date.now }: StoreParts): BatchStore {
  let db: Promise<IDBDatabase | undefined> | undefined;
  // Bytes this page believes are stored; refreshed by takeAll, so one page cannot grow storage unbounded.
  let storedBytes = 0;
  const fresh = (b: StoredBatch) => now() - b.createdAt <= options.maxAgeMs;

  function open(): Promise<IDBDatabase | undefined> {
    db ??= new Promise<IDBDatabase | undefined>((resolve) => {
      try {
        const request = win.indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE, { autoIncrement: true });
        request.onsuccess = () => {
          // Another page deleting the database (consent denied there) must not wait for this one to close.
          request.result.onversionchange = () => {
            request.result.close();
            db = undefined;
          };
          resolve(request.result);
        };
        request.onerror = request.onblocked = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });
    return db;
  }

  function readLocal(): StoredBatch[] {
    try {
      const list = JSON.parse(win.localStorage.getItem(LOCAL_KEY) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  function writeLocal(list: StoredBatch[]): boolean {
    try {
      if (list.length) win.localStorage.setItem(LOCAL_KEY, JSON.stringify(list));
      else win.localStorage.removeItem(LOCAL_KEY);
      return true;
    } catch {
      return false; // Quota exceeded or storage disabled.
    }
  }

  /** Removes the batches `keep` refuses from localStorage (writing only when there are any) and returns them. */
  function takeLocal(keep: (b: StoredBatch) => boolean): StoredBatch[] {
    const list = readLocal();
    const kept = list.filter(keep);
    if (kept.length < list.length) writeLocal(kept);
    return list.filter((b) => !keep(b));
  }

  // Checked on first use, not during init(): a page's first touch of `indexedDB` sets it up.
  let indexedDbFound: boolean | undefined;
  const hasIndexedDb = (): boolean => (indexedDbFound ??= supportsIndexedDb(win));

  function putLocal(batch: StoredBatch): boolean {
    const list = readLocal().filter(fresh);
    const bytes = list.reduce((sum, b) => sum + b.bytes, 0);
    return !(storedBytes + bytes + batch.bytes > options.maxBytes) && writeLocal([...list, batch]);
  }

  function putIndexedDb(database: IDBDatabase, batch: StoredBatch): void {
    const failed = (error: unknown) => logger.debug('could not store a batch in IndexedDB', error);
    try {
      const tx = database.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).add(batch);
      tx.onerror = () => failed(tx.error);
      (tx as IDBTransaction & { commit?: () => void }).commit?.();
    } catch (error) {
      failed(error);
    }
  }

  function takeIndexedDb(database: IDBDatabase): Promise<StoredBatch[]> {
    return new Promise((resolve) => {
      const taken: StoredBatch[] = [];
      let total = 0;
      try {
        const tx = database.transaction(STORE, 'readwrite');
        const cursor = tx.objectStore(STORE).openCursor();
        cursor.onsuccess = () => {
          const current = cursor.result;
          if (!current) return;
          const batch = current.value as StoredBatch;
          if (fresh(batch) && batch.endpoint !== endpoint) total += batch.bytes;
          else {
            if (fresh(batch)) taken.push(batch);
            current.delete();
          }
          current.continue();
        };
        tx.oncomplete = () => {
          storedBytes = total;
          resolve(taken);
        };
        tx.onerror = tx.onabort = () => resolve([]);
      } catch {
        resolve([]);
      }
    });
  }

  return {
    put(batch, now = false) {
      if (!consent.isGranted() || batch.bytes > options.maxBytes) return false;
      if (now || !hasIndexedDb()) return putLocal(batch);
      if (storedBytes + batch.bytes > options.maxBytes) return false;
      storedBytes += batch.bytes;
      // Written once the database is open (at once, a microtask later, when it already is).
      void open().then((database) => {
        if (database) putIndexedDb(database, batch);
        else {
          storedBytes -= batch.bytes;
          putLocal(batch);
        }
      });
      return true;
    },
    async takeAll() {
      if (!consent.isGranted()) return [];
      const database = hasIndexedDb() ? await open() : undefined;
      // Batches kept in localStorage (where IndexedDB was unavailable, now or on an earlier load) are taken
      // too; expired ones are dropped on the way.
      const fromLocal = takeLocal((b) => fresh(b) && b.endpoint !== endpoint).filter(fresh);
      return database ? [...(await takeIndexedDb(database)), ...fromLocal] : fromLocal;
    },
    clearAll: () => clearStoredBatches(win, db),
  };
}

/**
 * Deletes every stored batch of every endpoint: the localStorage list, and the IndexedDB store (emptied
 * through `opened`, this page's connection, else the database deleted, which creates none). Never throws.
 */
export async function clearStoredBatches(win: typeof globalThis, opened?: Promise<IDBDatabase | undefined>): Promise<void> {
  try {
    win.localStorage.removeItem(LOCAL_KEY);
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

/** Whether the page may use IndexedDB (reading `indexedDB` throws in some sandboxed frames). */
function supportsIndexedDb(win: typeof globalThis): boolean {
  try {
    return typeof win.indexedDB?.open === 'function';
  } catch {
    return false;
  }
}
