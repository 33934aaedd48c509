import type { Attributes } from '@opentelemetry/api';
import { SDK_VERSION } from '../../sdk/version';
import type { BrowserInstrumentation } from '../types';
import {
  ATTR_LONG_TASK_BLOCKING_DURATION,
  ATTR_LONG_TASK_SCRIPT_INVOKER,
  ATTR_LONG_TASK_SCRIPT_INVOKER_TYPE,
  ATTR_LONG_TASK_SCRIPT_SOURCE_URL,
  ATTR_LONG_TASK_SCRIPT_FUNCTION,
  ATTR_LONG_TASK_SCRIPT_DURATION,
  ATTR_LONG_TASK_CONTAINER,
} from './semconv';

/** The browser reports nothing shorter; `thresholdMs` can only raise it. */
const MIN_DURATION_MS = 50;
/** Span events per frame at most, one per script that ran in it. */
const MAX_SCRIPTS = 10;

/** The parts of a `PerformanceLongAnimationFrameTiming` we read (not in TypeScript's DOM types yet). */
interface AnimationFrameEntry extends PerformanceEntry {
  blockingDuration?: number;
  scripts?: ScriptEntry[];
}
interface ScriptEntry extends PerformanceEntry {
  invoker?: string;
  invokerType?: string;
  sourceURL?: string;
  sourceFunctionName?: string;
}
interface LongTaskEntry extends PerformanceEntry {
  attribution?: { containerType?: string }[];
}

/**
 * Opt-in: main-thread work over 50 ms as spans. Uses long animation frames where the browser has them
 * (they name the scripts that ran), else long tasks; neither, and it does nothing.
 * Options: `thresholdMs` (record only longer ones), `entryType` ('long-animation-frame' | 'longtask').
 */
export const longTasksInstrumentation: BrowserInstrumentation<'longTasks'> = {
  name: 'longTasks',
  setup({ tracerProvider, window: win, logger, redactUrl }, options) {
    const supported = win.PerformanceObserver?.supportedEntryTypes ?? [];
    const preferred = options.entryType === 'longtask' ? ['longtask'] : ['long-animation-frame', 'longtask'];
    const entryType = preferred.find((type) => supported.includes(type));
    if (!entryType) {
      logger.debug('long tasks are not observable in this browser');
      return;
    }
    const threshold = Math.max(MIN_DURATION_MS, typeof options.thresholdMs === 'number' ? options.thresholdMs : 0);
    const tracer = tracerProvider.getTracer('otel-browser/long-tasks', SDK_VERSION);
    const origin = win.performance.timeOrigin;
    const record = (entry: PerformanceEntry): void => {
      const startTime = origin + entry.startTime;
      const span = tracer.startSpan(entryType === 'longtask' ? 'longTask' : 'longAnimationFrame', { startTime, root: true });
      if (entryType === 'longtask') {
        span.setAttribute(ATTR_LONG_TASK_CONTAINER, (entry as LongTaskEntry).attribution?.[0]?.containerType ?? 'unknown');
      } else {
        const frame = entry as AnimationFrameEntry;
        if (typeof frame.blockingDuration === 'number') span.setAttribute(ATTR_LONG_TASK_BLOCKING_DURATION, frame.blockingDuration);
        const scripts = [...(frame.scripts ?? [])].sort((a, b) => b.duration - a.duration).slice(0, MAX_SCRIPTS);
        // The longest script's details on the span itself, so a query needs no event access.
        if (scripts[0]) span.setAttributes(scriptAttributes(scripts[0], redactUrl));
        for (const script of scripts) span.addEvent('script', scriptAttributes(script, redactUrl), origin + script.startTime);
      }
      span.end(startTime + entry.duration);
    };
    const observer = new win.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        try {
          if (entry.duration > threshold) record(entry);
        } catch (error) {
          logger.debug('recording a long task failed', error);
        }
      }
    });
    try {
      // buffered: also the long tasks of the page load, before init() ran.
      observer.observe({ type: entryType, buffered: true });
    } catch (error) {
      logger.debug(`observing ${entryType} failed`, error);
      return;
    }
    return () => observer.disconnect();
  },
};

function scriptAttributes(script: ScriptEntry, redactUrl: (url: string) => string): Attributes {
  return {
    [ATTR_LONG_TASK_SCRIPT_INVOKER]: script.invoker,
    [ATTR_LONG_TASK_SCRIPT_INVOKER_TYPE]: script.invokerType,
    [ATTR_LONG_TASK_SCRIPT_SOURCE_URL]: script.sourceURL ? redactUrl(script.sourceURL) : undefined,
    [ATTR_LONG_TASK_SCRIPT_FUNCTION]: script.sourceFunctionName || undefined,
    [ATTR_LONG_TASK_SCRIPT_DURATION]: script.duration,
  };
}
