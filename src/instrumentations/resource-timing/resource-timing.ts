import type { Timers } from '../../context/timers';

/** How many recent resource entries are kept to match requests against; older ones are dropped. */
const KEEP = 64;

type Waiter = { matches: (entry: PerformanceResourceTiming) => boolean; done: (entry?: PerformanceResourceTiming) => void; timer: number };

/**
 * The resource timing entries of recent requests, from ONE `PerformanceObserver` shared by fetch and
 * XHR and created on first use (not one observer per request, as upstream does). Entries come from the
 * observer rather than `performance.getEntriesByName`, which stops growing once the page's resource
 * timing buffer is full.
 */
export interface ResourceTimings {
  /**
   * The entry of a request to `url` that started at or after `since` (performance.now() ms), when the
   * browser has already recorded it; each entry is handed out once.
   */
  find(url: string, since: number): PerformanceResourceTiming | undefined;
  /** Like `find`, but waits up to `ms` for the entry; `done` gets it, or nothing on timeout. */
  wait(url: string, since: number, ms: number, done: (entry?: PerformanceResourceTiming) => void): void;
}

interface Shared extends ResourceTimings {
  users: number;
  stop(): void;
}

// One per window, counted by its users (fetch and XHR), so both share it and the last teardown stops it.
const byWindow = new WeakMap<Window, Shared>();

/** Takes a reference to the window's shared resource timings; call the returned release on teardown. */
export function useResourceTimings(win: Window & typeof globalThis, timers: Timers): [ResourceTimings, () => void] {
  let shared = byWindow.get(win);
  if (!shared) byWindow.set(win, (shared = createResourceTimings(win, timers)));
  shared.users++;
  let released = false;
  const release = () => {
    if (released || !shared) return;
    released = true;
    if (--shared.users === 0) {
      shared.stop();
      byWindow.delete(win);
    }
  };
  return [shared, release];
}

function createResourceTimings(win: Window & typeof globalThis, timers: Timers): Shared {
  // The recent entries, oldest first, and the same entries by URL: a lookup per request reads one
  // short list instead of comparing every recent entry's URL.
  const recent: PerformanceResourceTiming[] = [];
  const byName = new Map<string, PerformanceResourceTiming[]>();
  const used = new WeakSet<PerformanceEntry>();
  const waiters = new Set<Waiter>();
  let observer: PerformanceObserver | undefined;
  let unsupported = typeof win.PerformanceObserver !== 'function';

  const add = (entries: PerformanceEntryList) => {
    for (const entry of entries) {
      if (entry.entryType !== 'resource') continue;
      recent.push(entry as PerformanceResourceTiming);
      const named = byName.get(entry.name);
      if (named) named.push(entry as PerformanceResourceTiming);
      else byName.set(entry.name, [entry as PerformanceResourceTiming]);
      for (const waiter of waiters) {
        if (!used.has(entry) && waiter.matches(entry as PerformanceResourceTiming)) {
          used.add(entry);
          waiters.delete(waiter);
          timers.clear(waiter.timer);
          waiter.done(entry as PerformanceResourceTiming);
        }
      }
    }
    while (recent.length > KEEP) {
      const oldest = recent.shift()!;
      // Entries of one URL arrive in order, so its oldest is first in its list too.
      const named = byName.get(oldest.name)!;
      named.shift();
      if (!named.length) byName.delete(oldest.name);
    }
  };

  // Created lazily: a page that makes no request pays nothing. `buffered`: the entry of the request that
  // asks first was recorded before the observer existed; without the timeline's buffer that request (the
  // only one on many pages) never found its entry.
  const start = (): boolean => {
    if (observer || unsupported) return !!observer;
    try {
      observer = new win.PerformanceObserver((list) => add(list.getEntries()));
      observer.observe({ type: 'resource', buffered: true });
    } catch {
      observer = undefined;
      unsupported = true;
    }
    return !!observer;
  };

  const matcher = (url: string, since: number) => (entry: PerformanceResourceTiming) => entry.name === url && entry.startTime >= since;

  const find = (url: string, since: number): PerformanceResourceTiming | undefined => {
    if (!start()) return undefined;
    // Entries the browser recorded but has not delivered to the callback yet (it runs in a later task).
    add(observer!.takeRecords());
    const named = byName.get(url);
    if (!named) return undefined;
    for (let i = named.length - 1; i >= 0; i--) {
      const entry = named[i];
      if (!used.has(entry) && entry.startTime >= since) {
        used.add(entry);
        return entry;
      }
    }
    return undefined;
  };

  return {
    users: 0,
    find,
    wait(url, since, ms, done) {
      const found = find(url, since);
      if (found || !observer) return done(found);
      const waiter: Waiter = {
        matches: matcher(url, since),
        done,
        timer: timers.set(() => {
          waiters.delete(waiter);
          done();
        }, ms),
      };
      waiters.add(waiter);
    },
    stop() {
      observer?.disconnect();
      observer = undefined;
      for (const waiter of waiters) {
        timers.clear(waiter.timer);
        waiter.done();
      }
      waiters.clear();
      recent.length = 0;
      byName.clear();
    },
  };
}
