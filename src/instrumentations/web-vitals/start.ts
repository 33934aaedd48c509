import { observeCLS } from './cls';
import { createVitalsPage } from './create-page';
import { observeFCP } from './fcp';
import { observeINP } from './inp';
import { observeLCP } from './lcp';
import type { Metric } from './metric';
import type { VitalsPage } from './page';
import { observeTTFB } from './ttfb';

/**
 * Measures LCP, INP, CLS, FCP and TTFB, calling `emit` with each report, from observers with
 * `buffered: true`: starting after `load` misses nothing. A prerendered page is measured from its
 * activation. Returns the teardown: every listener and observer removed.
 */
export function startWebVitals(
  win: Window & typeof globalThis,
  reportAllChanges: boolean,
  emit: (metric: Metric) => void,
  fail: (error: unknown) => void,
): () => void {
  const doc = win.document as Document & { prerendering?: boolean };
  let page: VitalsPage | undefined;
  const start = (): void => {
    doc.removeEventListener('prerenderingchange', onActivated, true);
    page = createVitalsPage(win, reportAllChanges, emit, fail);
    observeLCP(page);
    observeINP(page);
    let clsStarted = false;
    observeFCP(page, () => {
      if (!clsStarted) observeCLS(page!);
      clsStarted = true;
    });
    observeTTFB(page);
  };
  const onActivated = (): void => {
    try {
      start();
    } catch (error) {
      fail(error);
    }
  };
  if (doc.prerendering) doc.addEventListener('prerenderingchange', onActivated, true);
  else start();
  return () => {
    doc.removeEventListener('prerenderingchange', onActivated, true);
    for (const off of page?._off ?? []) off();
  };
}
