import { track, type Metric } from './metric';
import { guard } from '../../lib/guard';
import { onHidden, onPageShow, type HideReason } from '../../lib/lifecycle';
import { afterNextPaint, type NavigationEntry, type NavigationType, type VitalsPage } from './page';

/**
 * The shared state of a page being measured, set up once the page is active (not prerendering): how it
 * was navigated to, whether it has been hidden already, and the listeners that drive every metric's
 * hidden and restored handling.
 */
export function createVitalsPage(
  win: Window & typeof globalThis,
  reportAllChanges: boolean,
  emit: (metric: Metric) => void,
  fail: (error: unknown) => void,
): VitalsPage {
  const doc = win.document as Document & { wasDiscarded?: boolean };
  const perf = win.performance;
  const navigation = navigationEntry(perf);
  const activationStart = navigation?.activationStart ?? 0;
  const hiddenBefore = perf.getEntriesByType?.('visibility-state').find((x) => x.name === 'hidden' && x.startTime >= activationStart);
  const page: VitalsPage = {
    _win: win,
    _all: reportAllChanges,
    _emit: emit,
    _fail: fail,
    _navigation: navigation,
    _activationStart: activationStart,
    _hiddenAt: hiddenBefore ? hiddenBefore.startTime : hiddenSinceStart(doc),
    _navigationType: !navigation
      ? 'navigate'
      : activationStart > 0
        ? 'prerender'
        : doc.wasDiscarded
          ? 'restore'
          : (navigation.type.replace(/_/g, '-') as NavigationType),
    _start: activationStart,
    _onHidden: [],
    _onRestore: [],
    _off: [],
  };
  // Hidden means the document hidden (not `pagehide`), as web vitals define it.
  const hidden = (_reason: HideReason, event: Event) => {
    page._hiddenAt = Math.min(page._hiddenAt, event.timeStamp);
    // Each on its own: one metric's failure must not cost the others their final report.
    for (const report of page._onHidden) guard(report, page._fail)();
  };
  const shown = (persisted: boolean, event: Event) => {
    if (!persisted) return;
    page._navigationType = 'back-forward-cache';
    page._start = event.timeStamp;
    // A task later: some browsers still say `hidden` while pageshow runs (crbug.com/1133363).
    win.setTimeout(() => (page._hiddenAt = hiddenSinceStart(doc)));
    for (const onRestore of page._onRestore) guard(onRestore, page._fail)();
    // The restored page view's loading metrics: nothing was fetched (TTFB 0), and what it shows is
    // painted in the next frame (FCP = LCP = time to that frame). Like a new page load, each is final.
    track(page, 'TTFB', 0)._report(true);
    // LCP only where the browser measures it (not WebKit): a restored page view must not report a
    // metric its first view could not.
    const names = win.PerformanceObserver?.supportedEntryTypes?.includes('largest-contentful-paint') ? (['FCP', 'LCP'] as const) : (['FCP'] as const);
    afterNextPaint(page, () => {
      const painted = win.performance.now() - event.timeStamp;
      for (const name of names) track(page, name, painted)._report(true);
    });
  };
  page._off.push(onHidden(win, guard(hidden, page._fail), false), onPageShow(win, guard(shown, page._fail)));
  return page;
}

/** A page hidden when measuring starts is taken to have been hidden all along (loaded in a background tab). */
function hiddenSinceStart(doc: Document): number {
  return doc.visibilityState === 'hidden' ? 0 : Infinity;
}

/**
 * The navigation entry, unless its `responseStart` is 0 (withheld for privacy) or not a time in the
 * past (browser bugs): then none of its times can be trusted.
 */
function navigationEntry(perf: Performance): NavigationEntry | undefined {
  const entry = perf.getEntriesByType?.('navigation')[0] as NavigationEntry | undefined;
  return entry && entry.responseStart > 0 && entry.responseStart < perf.now() ? entry : undefined;
}
