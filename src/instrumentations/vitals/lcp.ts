import { track } from './metric';
import { afterNextPaint, listen, observe, whenIdleOrHidden, type VitalsPage } from './page';

/**
 * Largest Contentful Paint: the last `largest-contentful-paint` candidate before the page was first
 * hidden, counted from activation. The browser stops offering candidates once the user interacts, so
 * the value is final at the first key press or click, or when the page is hidden: reported then, once.
 * After a back/forward-cache restore: the time to the next painted frame.
 */
export function observeLCP(page: VitalsPage): void {
  let lcp = track(page, 'LCP');
  let final = false;
  const onEntries = (entries: PerformanceEntry[]): void => {
    // Only the latest candidate matters, unless every change is reported.
    for (const entry of page._all ? entries : entries.slice(-1)) {
      if (entry.startTime < page._hiddenAt) {
        lcp._value = Math.max(entry.startTime - page._activationStart, 0);
        lcp._report();
      }
    }
  };
  const observer = observe(page, 'largest-contentful-paint', onEntries);
  if (!observer) return;
  const finalize = (event?: Event): void => {
    if (final || (event && !event.isTrusted)) return;
    // Not inside the input's own handlers: that time would count towards the interaction's INP.
    whenIdleOrHidden(page, () => {
      if (final) return;
      final = true;
      onEntries(observer.takeRecords());
      observer.disconnect();
      for (const off of offs) off();
      lcp._report(true);
    });
  };
  // Scrolling (pointerdown on touch screens) does not stop candidates: only keys and clicks do.
  const offs = ['keydown', 'click'].map((type) => listen(page, page._win, type, finalize));
  page._onHidden.push(finalize);
  page._onRestore.push((time) => {
    lcp = track(page, 'LCP');
    final = true;
    afterNextPaint(page, () => {
      lcp._value = page._win.performance.now() - time;
      lcp._report(true);
    });
  });
}
