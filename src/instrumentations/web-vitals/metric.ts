import { randomHex } from '../../lib/random-id';
import { stringify } from '../../lib/natives';
import type { NavigationType, VitalsPage } from './page';

export type MetricName = 'LCP' | 'FCP' | 'TTFB' | 'CLS' | 'INP';
export type Rating = 'good' | 'needs-improvement' | 'poor';

/**
 * One metric instance of one page view (a new one after a back/forward-cache restore). Set `_value`
 * (and for INP `_startTime`), then `_report`; each report hands the metric itself to the page's emit.
 */
export interface Metric {
  _name: MetricName;
  /** Milliseconds (CLS: unitless); negative until there is a value to report. */
  _value: number;
  /** As of the last report: the rating of `_value`, and its change since the report before (all of it on the first). */
  _rating?: Rating;
  _delta?: number;
  /** Unique per instance, e.g. `v1-1732525200000-3f9a0c12d4e7`. */
  _id: string;
  _navigationType: NavigationType;
  /**
   * Where the span starts, in ms since the time origin, when the metric is a duration (it ends
   * `_value` later): the page view's start for LCP, FCP and TTFB, the slowest interaction's input
   * event for INP. Unset for CLS, a point in time.
   */
  _startTime?: number;
  /**
   * Reports the current value if it changed since the last report (or was never reported): always
   * when `final`, otherwise only with `reportAllChanges`.
   */
  _report(final?: boolean): void;
}

/** Upper bounds of `good` and `needs-improvement`, as web.dev defines them for each metric. */
const THRESHOLDS: Record<MetricName, [number, number]> = {
  LCP: [2500, 4000],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
  CLS: [0.1, 0.25],
  INP: [200, 500],
};

/** The rating of a value: a value at a threshold still gets the better rating. */
export function rate(name: MetricName, value: number): Rating {
  const [good, poor] = THRESHOLDS[name];
  return value > poor ? 'poor' : value > good ? 'needs-improvement' : 'good';
}

/** Starts a metric instance for the page's current page view. */
export function track(page: VitalsPage, name: MetricName, value = -1): Metric {
  let reported: number | undefined;
  const metric: Metric = {
    _name: name,
    _value: value,
    // The clock's digits by JSON.stringify, not a template: see lib/json.ts on V8's number-to-string cache.
    _id: `v1-${stringify(Date.now())}-${randomHex(6)}`,
    _navigationType: page._navigationType,
    _startTime: name === 'CLS' || name === 'INP' ? undefined : page._start,
    _report(final) {
      const current = metric._value;
      const delta = current - (reported ?? 0);
      // A value of 0 is still reported once (e.g. no layout shift at all), never twice.
      if (current >= 0 && (final || page._all) && (delta || reported === undefined)) {
        reported = current;
        metric._delta = delta;
        metric._rating = rate(name, current);
        page._emit(metric);
      }
    },
  };
  return metric;
}
