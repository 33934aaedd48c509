import { track } from './metric';
import type { VitalsPage } from './page';

/**
 * Time to First Byte: the navigation's `responseStart`, counted from activation (0 for a page that
 * had its response before it was activated). Reported at once: we start after `load`, so reading it
 * costs the page's loading nothing. 0 after a back/forward-cache restore (nothing was fetched).
 */
export function observeTTFB(page: VitalsPage): void {
  const navigation = page._navigation;
  if (!navigation) return;
  track(page, 'TTFB', Math.max(navigation.responseStart - page._activationStart, 0))._report(true);
  page._onRestore.push(() => track(page, 'TTFB', 0)._report(true));
}
