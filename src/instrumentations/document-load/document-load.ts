import { SDK_VERSION } from '../../sdk/version';
import { recordPageLoad } from '../page-load/page-load';
import type { BrowserInstrumentation } from '../types';

/**
 * The scope upstream's instrumentation used: kept so that queries and dashboards keep finding the
 * page-load spans.
 */
export const DOCUMENT_LOAD_SCOPE = '@opentelemetry/instrumentation-document-load';

/**
 * The page load: a `documentLoad` span with the navigation timings, a `documentFetch` child, and one
 * `resourceFetch` child per resource in the performance timeline (see page-load.ts). Recorded once,
 * just after `load`, or at once when `init()` runs after it.
 * Options: `networkEvents: false` (no network timing events), `paintEvents: false` (no first paints).
 */
export const documentLoadInstrumentation: BrowserInstrumentation<'documentLoad'> = {
  name: 'documentLoad',
  setup({ tracerProvider, window: win, timers, logger, policy }, options) {
    const tracer = tracerProvider.getTracer(DOCUMENT_LOAD_SCOPE, SDK_VERSION);
    let timer: number | undefined;
    const record = () => {
      try {
        recordPageLoad(tracer, win, options.networkEvents !== false, options.paintEvents !== false, policy.isIgnored);
      } catch (error) {
        logger.debug('page load not recorded', error);
      }
    };
    // A task after `load`: `loadEventEnd` is only set once the page's own load handlers have run.
    const onLoad = () => {
      timer = timers.set(record, 0);
    };
    if (win.document.readyState === 'complete') onLoad();
    else win.addEventListener('load', onLoad);
    return () => {
      win.removeEventListener('load', onLoad);
      timers.clear(timer);
    };
  },
};
