/**
 * Calls `onHide` when the page is hidden or unloaded, so spans still waiting to settle (an
 * interaction whose link leaves the page) end while the page can still send them. Returns the
 * teardown.
 */
export function watchPageHide(host: Window & typeof globalThis, onHide: () => void): () => void {
  const onVisibility = () => {
    if (host.document.visibilityState === 'hidden') onHide();
  };
  // Capture phase on window, so this runs before bubbling listeners that flush the export queue.
  host.addEventListener('pagehide', onHide, true);
  host.addEventListener('visibilitychange', onVisibility, true);
  return () => {
    host.removeEventListener('pagehide', onHide, true);
    host.removeEventListener('visibilitychange', onVisibility, true);
  };
}
