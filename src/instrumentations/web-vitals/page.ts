import { guard } from '../../lib/guard';
import type { Metric } from './metric';

/** How the page view being measured began, as the `browser.web_vital.navigation_type` attribute names it. */
export type NavigationType = 'navigate' | 'reload' | 'back-forward' | 'back-forward-cache' | 'prerender' | 'restore';

/** The navigation entry fields we read; `activationStart` is newer than TypeScript's DOM types. */
export interface NavigationEntry extends PerformanceEntry {
  type: string;
  responseStart: number;
  activationStart?: number;
}

/**
 * What the five metrics of one page share: when it was first hidden, how the page view began, work to
 * run when it is hidden or restored, and what to undo on teardown. One per `setup`, so no module state.
 */
export interface VitalsPage {
  _win: Window & typeof globalThis;
  /** `reportAllChanges`: report every change, not only final values. */
  _all: boolean;
  _emit: (metric: Metric) => void;
  _fail: (error: unknown) => void;
  /** The navigation entry, when the browser gives a usable one. */
  _navigation?: NavigationEntry;
  /** When a prerendered page was activated (ms since time origin); 0 for other pages. */
  _activationStart: number;
  /** When the page was first hidden (ms since time origin); Infinity while it has not been. */
  _hiddenAt: number;
  _navigationType: NavigationType;
  /** Where the current page view's times count from: activation, or the back/forward-cache restore. */
  _start: number;
  /** Run each time the page is hidden: where final values are reported. */
  _onHidden: (() => void)[];
  /** Run when the page comes back from the back/forward cache: a new page view, measured afresh. */
  _onRestore: (() => void)[];
  /** Undoes every listener and observer. */
  _off: (() => void)[];
}

/** Adds a capturing listener, removed on teardown. */
export function listen<E extends Event>(page: VitalsPage, target: EventTarget, type: string, callback: (event: E) => void): void {
  const listener = guard(callback, page._fail) as (event: Event) => void;
  target.addEventListener(type, listener, true);
  page._off.push(() => target.removeEventListener(type, listener, true));
}

/**
 * Observes one entry type, buffered entries included, where the browser supports it; returns nothing
 * where it does not.
 */
export function observe<T extends PerformanceEntry>(
  page: VitalsPage,
  type: string,
  onEntries: (entries: T[]) => void,
  init?: object,
): PerformanceObserver | undefined {
  const Observer = page._win.PerformanceObserver;
  try {
    if (!Observer?.supportedEntryTypes.includes(type)) return;
    const handle = guard(onEntries, page._fail);
    // A microtask later, because Safari has called observers synchronously inside observe(), before the
    // caller had the observer in hand (GoogleChrome/web-vitals#277).
    const observer = new Observer((list) => queueMicrotask(() => handle(list.getEntries() as T[])));
    observer.observe({ type, buffered: true, ...init });
    page._off.push(() => observer.disconnect());
    return observer;
  } catch {
    return undefined;
  }
}

/** Runs `task` when the main thread is next idle (within 1 s), or in a task of its own where there is no idle callback. */
export function whenIdle(page: VitalsPage, task: () => void): void {
  const win = page._win;
  const run = guard(task, page._fail);
  if (win.requestIdleCallback) win.requestIdleCallback(run, { timeout: 1000 });
  else win.setTimeout(run);
}

/** A time since the time origin as a time since the page's activation (prerendered pages), at least 0. */
export function sinceActivation(page: VitalsPage, time: number): number {
  return Math.max(time - page._activationStart, 0);
}

/** Runs `task` after the next frame has been painted (two animation frames). */
export function afterNextPaint(page: VitalsPage, task: () => void): void {
  page._win.requestAnimationFrame(() => page._win.requestAnimationFrame(guard(task, page._fail)));
}
