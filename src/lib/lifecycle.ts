/**
 * Page lifecycle helpers. Each adds listeners only where the browser has the event, and returns the
 * function that removes them.
 */

/** Why the page is going out of sight: `visibilitychange` (tab hidden; the page may come back) or `pagehide` (leaving). */
export type HideReason = 'visibilitychange' | 'pagehide';

/**
 * Calls `callback` when the document becomes hidden and when the window fires `pagehide`. Both usually
 * fire when a tab closes (hidden first); `pagehide` is the last event a navigating page reliably gets,
 * and on mobile a hidden page may be killed without any further event, so both matter.
 */
export function onHidden(win: Window, callback: (reason: HideReason) => void): () => void {
  const doc = win.document as Document | undefined;
  const onVisibility = () => {
    if (doc?.visibilityState === 'hidden') callback('visibilitychange');
  };
  const onPageHide = () => callback('pagehide');
  try {
    doc?.addEventListener('visibilitychange', onVisibility, true);
    win.addEventListener('pagehide', onPageHide, true);
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
export function onPageShow(win: Window, callback: (persisted: boolean) => void): () => void {
  const listener = (event: Event) => callback((event as PageTransitionEvent).persisted === true);
  try {
    win.addEventListener('pageshow', listener, true);
  } catch {
    return () => undefined;
  }
  return () => win.removeEventListener('pageshow', listener, true);
}
