import { track } from './metric';
import { observe, type VitalsPage } from './page';

/** The fields of a `layout-shift` entry we read (not in TypeScript's DOM types). */
interface LayoutShift extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
}

/**
 * Cumulative Layout Shift: layout shifts not caused by recent input are grouped into session windows
 * (a shift less than 1 s after the previous one and less than 5 s after the window's first joins it);
 * CLS is the largest window's sum. Final only when the page is hidden: reported then (again on each
 * later hide if it grew). Call after FCP: a page never painted has no CLS.
 */
export function observeCLS(page: VitalsPage): void {
  let cls = track(page, 'CLS', 0);
  let sum = 0;
  let first = 0;
  let last = 0;
  const onEntries = (entries: LayoutShift[]): void => {
    for (const entry of entries) {
      if (entry.hadRecentInput) continue;
      if (sum && entry.startTime - last < 1000 && entry.startTime - first < 5000) {
        sum += entry.value;
      } else {
        sum = entry.value;
        first = entry.startTime;
      }
      last = entry.startTime;
      // Per entry, not per batch: buffered entries arrive in one batch and may hold several windows.
      cls._value = Math.max(cls._value, sum);
    }
    cls._report();
  };
  const observer = observe(page, 'layout-shift', onEntries);
  if (!observer) return;
  page._onHidden.push(() => {
    onEntries(observer.takeRecords() as LayoutShift[]);
    cls._report(true);
  });
  page._onRestore.push(() => {
    cls = track(page, 'CLS', 0);
    sum = 0;
  });
}
