import { track } from './metric';
import { observe, sinceActivation, type VitalsPage } from './page';

/**
 * First Contentful Paint: the `first-contentful-paint` paint entry, counted from activation, if it
 * happened before the page was first hidden (a background tab's paint says nothing about the user's
 * wait). Reported at once. (After a back/forward-cache restore see `createVitalsPage`.) `onReported`
 * runs after the report: CLS starts measuring then.
 */
export function observeFCP(page: VitalsPage, onReported: () => void): void {
  const observer = observe(page, 'paint', (entries) => {
    for (const entry of entries) {
      if (entry.name !== 'first-contentful-paint') continue;
      observer!.disconnect();
      if (entry.startTime < page._hiddenAt) {
        track(page, 'FCP', sinceActivation(page, entry.startTime))._report(true);
        onReported();
      }
    }
  });
}
