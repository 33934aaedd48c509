/**
 * Page lifecycle helpers: the one place the SDK listens for hide and show (export, page views, web
 * vitals). Each adds capturing listeners only where the browser has the event, and returns the function
 * that removes them.
 */

/** Why the page is going out of sight: `visibilitychange` (tab hidden; the page may come back) or `pagehide` (leaving). */
export type HideReason = 'visibilitychange' | 'pagehide';

/**
 * Calls `callback` when the document becomes hidden and when the window fires `pagehide`. Both usually
 * fire when a tab closes (hidden first); `pagehide` is the last event a navigating page reliably gets,
 * and on mobile a hidden page may be killed without any further event, so both matter. Without
 * `pageHide`, only the document becoming hidden counts (what web vitals call hidden).
 */
export function onHidden(win: Window, callback: (reason: HideReason, event: Event) => void, pageHide = true): () => void {
  const doc = win.document as Document | undefined;
  const onVisibility = (event: Event) => {
    if (doc?.visibilityState === 'hidden') callback('visibilitychange', event);
  };
  const onPageHide = (event: Event) => callback('pagehide', event);
  try {
    doc?.addEventListener('visibilitychange', onVisibility, true);
    if (pageHide) win.addEventListener('pagehide', onPageHide, true);
  } catch {
    return () => undefined;
  }
  return () => {
    doc?.removeEventListener('visibilitychange', onVisibility, true);
    win.removeEventListener('pagehide', onPageHide, true);
  };
}

/**
 * Calls `callback` on `pageshow`; `persisted` is true when the page came back from the back/forward
 * cache, where it was frozen after `pagehide` rather than unloaded.
 */
export function onPageShow(win: Window, callback: (persisted: boolean, event: Event) => void): () => void {
  const listener = (event: Event) => callback((event as PageTransitionEvent).persisted === true, event);
  try {
    win.addEventListener('pageshow', listener, true);
  } catch {
    return () => undefined;
  }
  return () => win.removeEventListener('pageshow', listener, true);
}
