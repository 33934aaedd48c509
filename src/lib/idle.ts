/**
 * Runs `task` once the page has loaded and the main thread is idle, at the latest `timeoutMs` after
 * `load` (or after the call, when the page has loaded already). For start-up work that can wait because
 * what it reads is kept by the browser (buffered performance entries, stored batches): it keeps
 * `init()`, and the page's own loading, short. Returns a function that cancels the task if it has not
 * run yet. `task` must not throw.
 */
export function afterLoadWhenIdle(win: Window & typeof globalThis, task: () => void, timeoutMs = 2000): () => void {
  let done = false;
  let cancelScheduled = (): void => undefined;
  const run = (): void => {
    if (done) return;
    done = true;
    task();
  };
  const schedule = (): void => {
    win.removeEventListener('load', schedule);
    if (done) return;
    if (typeof win.requestIdleCallback === 'function') {
      const id = win.requestIdleCallback(run, { timeout: timeoutMs });
      cancelScheduled = () => win.cancelIdleCallback(id);
    } else {
      // Safari has no requestIdleCallback: a task after the load event's one.
      const id = win.setTimeout(run, 0);
      cancelScheduled = () => win.clearTimeout(id);
    }
  };
  if (win.document?.readyState === 'complete') schedule();
  else win.addEventListener('load', schedule);
  return () => {
    done = true;
    win.removeEventListener('load', schedule);
    cancelScheduled();
  };
}
