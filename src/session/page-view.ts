import { onPageShow } from '../lib/lifecycle';
import { randomHex } from '../lib/random-id';

/**
 * A page view is one document load, or one restore of the page from the back/forward cache (the
 * user sees the page again and web vitals are measured afresh). SPA route changes stay in the same
 * page view, as web vitals do.
 */
export interface PageView {
  /** 16 hex digits, new for each page view. */
  id(): string;
  stop(): void;
}

export function createPageView(win: Window & typeof globalThis): PageView {
  // Drawn on first use (the first span), not during init().
  let id: string | undefined;
  // Capture phase on window, added during init(): runs before the web vitals' own restore listener (added
  // after load), which reports the restored page view's TTFB at once.
  const stop = onPageShow(win, (persisted) => {
    if (persisted) id = undefined;
  });
  return { id: () => (id ??= randomHex(8)), stop };
}
