import type { NavigationType, VitalsPage } from './page';

export type MetricName = 'LCP' | 'FCP' | 'TTFB' | 'CLS' | 'INP';
export type Rating = 'good' | 'needs-improvement' | 'poor';

/** One report of a metric: what becomes one span. */
export interface Metric {
  name: MetricName;
  /** Milliseconds (CLS: unitless). */
  value: number;
  rating: Rating;
  /** Change since this metric instance's previous report (the whole value on the first). */
  delta: number;
  /** Unique per metric instance (a new one after a back/forward-cache restore), e.g. `v1-1732525200000-4182735193210`. */
  id: string;
  navigationType: NavigationType;
  /** Where the page view's times count from, in ms since the time origin. */
  navigationStartTime: number;
  /** INP: when the slowest interaction's input event started, in ms since the time origin. */
  startTime?: number;
}

/** Upper bounds of `good` and `needs-improvement`, as web.dev defines them for each metric. */
const THRESHOLDS: Record<MetricName, [number, number]> = {
  LCP: [2500, 4000],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
  CLS: [0.1, 0.25],
  INP: [200, 500],
};

/** The rating of a value: at a threshold still counts as the better rating. */
export function rate(name: MetricName, value: number): Rating {
  const [good, poor] = THRESHOLDS[name];
  return value > poor ? 'poor' : value > good ? 'needs-improvement' : 'good';
}

/** One metric instance being measured: set `_value` (and `_startTime`), then `_report`. */
export interface TrackedMetric {
  /** Negative until there is a value to report. */
  _value: number;
  _startTime?: number;
  /**
   * Reports the current value if it changed since the last report (or was never reported): always
   * when `final`, otherwise only with `reportAllChanges`.
   */
  _report(final?: boolean): void;
}

/** Starts a metric instance for the page's current page view. */
export function track(page: VitalsPage, name: MetricName, value = -1): TrackedMetric {
  const id = `v1-${Date.now()}-${Math.floor(Math.random() * 9e12) + 1e12}`;
  const navigationType = page._navigationType;
  const navigationStartTime = page._start;
  let reported: number | undefined;
  const metric: TrackedMetric = {
    _value: value,
    _report(final) {
      const current = metric._value;
      const delta = current - (reported ?? 0);
      // A value of 0 is still reported once (e.g. no layout shift at all), never twice.
      if (current >= 0 && (final || page._all) && (delta || reported === undefined)) {
        reported = current;
        const rating = rate(name, current);
        page._emit({ name, value: current, rating, delta, id, navigationType, navigationStartTime, startTime: metric._startTime });
      }
    },
  };
  return metric;
}
