import { track } from './metric';
import { afterNextPaint, observe, type VitalsPage } from './page';

/**
 * First Contentful Paint: the `first-contentful-paint` paint entry, counted from activation, if it
 * happened before the page was first hidden (a background tab's paint says nothing about the user's
 * wait). Reported at once. After a back/forward-cache restore: the time to the next painted frame.
 * `onReported` runs after each report (CLS starts measuring then).
 */
export function observeFCP(page: VitalsPage, onReported: () => void): void {
  let fcp = track(page, 'FCP');
  const report = (value: number): void => {
    fcp._value = value;
    fcp._report(true);
    onReported();
  };
  const observer = observe(page, 'paint', (entries) => {
    for (const entry of entries) {
      if (entry.name !== 'first-contentful-paint') continue;
      observer!.disconnect();
      if (entry.startTime < page._hiddenAt) report(Math.max(entry.startTime - page._activationStart, 0));
    }
  });
  if (!observer) return;
  page._onRestore.push((time) => {
    fcp = track(page, 'FCP');
    afterNextPaint(page, () => report(page._win.performance.now() - time));
  });
}
