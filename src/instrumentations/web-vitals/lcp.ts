import { track } from './metric';
import { listen, observe, sinceActivation, whenIdle, type VitalsPage } from './page';

/**
 * Largest Contentful Paint: the last `largest-contentful-paint` candidate before the page was first
 * hidden, counted from activation. The browser stops offering candidates once the user interacts, so
 * the value is final at the first key press or click, or when the page is hidden: reported then, once.
 * (After a back/forward-cache restore see `createVitalsPage`: the page is hidden before it is cached,
 * so this LCP is final by then.)
 */
export function observeLCP(page: VitalsPage): void {
  const lcp = track(page, 'LCP');
  let final = false;
  const onEntries = (entries: PerformanceEntry[]): void => {
    // Only the latest candidate matters, unless every change is reported.
    for (const entry of page._all ? entries : entries.slice(-1)) {
      if (entry.startTime < page._hiddenAt) {
        lcp._value = sinceActivation(page, entry.startTime);
        lcp._report();
      }
    }
  };
  const observer = observe(page, 'largest-contentful-paint', onEntries);
  if (!observer) return;
  const finalize = (): void => {
    if (final) return;
    final = true;
    onEntries(observer.takeRecords());
    observer.disconnect();
    lcp._report(true);
  };
  // Key presses and clicks end LCP (not the pointerdown that may begin a scroll). Made final when idle,
  // not inside the input's own handlers, where the time would count towards its INP. The listeners
  // stay until teardown but do nothing once final.
  for (const type of ['keydown', 'click']) listen(page, page._win, type, (event) => event.isTrusted && !final && whenIdle(page, finalize));
  page._onHidden.push(finalize);
}
