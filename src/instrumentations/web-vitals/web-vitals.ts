import type { Tracer } from '@opentelemetry/api';
import { SDK_VERSION } from '../../sdk/version';
import type { BrowserInstrumentation } from '../types';
import type { Metric } from './metric';
import {
  ATTR_BROWSER_WEB_VITAL_NAME,
  ATTR_BROWSER_WEB_VITAL_VALUE,
  ATTR_BROWSER_WEB_VITAL_RATING,
  ATTR_BROWSER_WEB_VITAL_DELTA,
  ATTR_BROWSER_WEB_VITAL_ID,
  ATTR_BROWSER_WEB_VITAL_NAVIGATION_TYPE,
} from './semconv';
import { startWebVitals } from './start';

/**
 * LCP, INP, CLS, FCP and TTFB (measured by the modules beside it), one span per report, named after the
 * metric (`LCP`), with the `browser.web_vital.*` attributes. The page processor adds `page_view.id`
 * and the page URL, so a page view's vitals can be queried together. CLS, INP and (without input) LCP
 * are only final when the page is hidden; they are reported then and flushed right away.
 * Options: `reportAllChanges` (report every change, not just final values).
 */
export const webVitalsInstrumentation: BrowserInstrumentation<'webVitals'> = {
  name: 'webVitals',
  // Measuring reads buffered entries (paint, LCP, layout shifts, event timing, visibility-state), so
  // subscribing after load loses nothing and keeps its work out of init().
  deferred: true,
  setup({ tracerProvider, window: win, logger }, options) {
    const tracer = tracerProvider.getTracer('otel-browser/web-vitals', SDK_VERSION);
    const flushable = tracerProvider as { forceFlush?: () => Promise<void> };
    let active = true;
    let flushQueued = false;
    const report = (metric: Metric): void => {
      // Idle callbacks and animation frames already queued may still call after teardown.
      if (!active) return;
      try {
        recordMetric(tracer, metric, win.performance);
        // Reported because the page is going away: send now, the batch timer may never fire. One flush
        // for all the metrics reported in this visibilitychange.
        if (win.document.visibilityState === 'hidden' && !flushQueued && flushable.forceFlush) {
          flushQueued = true;
          queueMicrotask(() => {
            flushQueued = false;
            flushable.forceFlush!().catch(() => undefined);
          });
        }
      } catch (error) {
        logger.debug(`recording ${metric?._name} failed`, error);
      }
    };
    const stop = startWebVitals(win, options.reportAllChanges === true, report, (error) => logger.debug('web vitals failed', error));
    return () => {
      active = false;
      stop();
    };
  },
};

function recordMetric(tracer: Tracer, metric: Metric, performance: Performance): void {
  // LCP, FCP and TTFB: from the navigation start to the moment measured; INP: the slowest interaction,
  // from its input event to the next paint; CLS: a point in time.
  const start = metric._startTime;
  const startTime = start === undefined ? Date.now() : performance.timeOrigin + start;
  const endTime = start === undefined ? startTime : startTime + metric._value;
  const span = tracer.startSpan(metric._name, {
    startTime,
    root: true,
    attributes: {
      [ATTR_BROWSER_WEB_VITAL_NAME]: metric._name.toLowerCase(),
      [ATTR_BROWSER_WEB_VITAL_VALUE]: metric._value,
      [ATTR_BROWSER_WEB_VITAL_RATING]: metric._rating!,
      [ATTR_BROWSER_WEB_VITAL_DELTA]: metric._delta!,
      [ATTR_BROWSER_WEB_VITAL_ID]: metric._id,
      [ATTR_BROWSER_WEB_VITAL_NAVIGATION_TYPE]: metric._navigationType,
    },
  });
  span.end(endTime);
}
