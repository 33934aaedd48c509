import { track } from './metric';
import { sinceActivation, type VitalsPage } from './page';

/**
 * Time to First Byte: the navigation's `responseStart`, counted from activation (0 for a page that
 * had its response before it was activated). Reported at once: we start after `load`, so reading it
 * costs the page's loading nothing. (After a back/forward-cache restore see `createVitalsPage`.)
 */
export function observeTTFB(page: VitalsPage): void {
  const navigation = page._navigation;
  if (!navigation) return;
  track(page, 'TTFB', sinceActivation(page, navigation.responseStart))._report(true);
}
