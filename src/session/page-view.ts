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
  let id = randomHex(win, 8);
  const onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) id = randomHex(win, 8);
  };
  // Capture phase on window, added during init(): runs before the web vitals' own restore listener (added
  // after load), which reports the restored page view's TTFB at once.
  win.addEventListener('pageshow', onPageShow, true);
  return {
    id: () => id,
    stop: () => win.removeEventListener('pageshow', onPageShow, true),
  };
}
