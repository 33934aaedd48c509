import type { HrTime, TimeInput } from '@opentelemetry/api';
import { isArray } from '../lib/natives';

/**
 * How far (ms) the monotonic clock (`timeOrigin + performance.now()`) may drift from the wall clock
 * (`Date.now()`) before timestamps are re-anchored on the wall clock.
 *
 * Why: `performance.now()` does not advance while the computer sleeps in some engines/OSes, so on a
 * page left open across a laptop's sleep the monotonic time falls behind real time by the sleep's
 * length, and every later span would be stamped hours in the past. Why 1 s: below that, the two clocks
 * legitimately differ (Date.now's 1 ms resolution, coarsened timers in Firefox and WebKit, NTP slewing
 * of a few ms per hour), and re-anchoring on that noise would make spans disagree with the page's
 * performance timeline for nothing; a second is far below any sleep and far below what a trace view
 * shows as wrong. Durations never jump: a span measures its own length on the monotonic clock.
 */
export const CLOCK_DRIFT_LIMIT_MS = 1000;

/** How far past the timeline's now a number may be and still be read as a timeline time (see `toHrTime`). */
export const TIMELINE_SLACK_MS = 3_600_000;

/** Where time comes from; a test can hand in its own. */
export interface ClockSources {
  /** Epoch ms at which `now()` was 0 (`performance.timeOrigin`). */
  timeOrigin: number;
  /** Monotonic ms since `timeOrigin` (`performance.now()`). */
  now(): number;
  /** Wall clock, epoch ms (`Date.now()`). */
  dateNow(): number;
}

/** Timestamps that agree with the page's performance timeline and, within the drift limit, the wall clock. */
export class Clock {
  private _origin: number;

  constructor(private readonly _sources: ClockSources) {
    this._origin = _sources.timeOrigin;
  }

  /** Monotonic ms (`performance.now()`), for durations. */
  monotonic(): number {
    return this._sources.now();
  }

  /**
   * Epoch ms of the performance timeline's zero: `performance.timeOrigin`, unless the monotonic clock
   * drifted from the wall clock by more than {@link CLOCK_DRIFT_LIMIT_MS}; then re-anchored on `Date.now()`.
   */
  origin(): number {
    const wall = this._sources.dateNow();
    const monotonic = this._sources.now();
    if (Math.abs(this._origin + monotonic - wall) > CLOCK_DRIFT_LIMIT_MS) this._origin = wall - monotonic;
    return this._origin;
  }

  /** Now, as epoch ms. */
  nowMillis(): number {
    return this.origin() + this._sources.now();
  }

  /**
   * A `TimeInput` as an `HrTime`: an `HrTime` as is; a `Date`; a number is either ms on the page's
   * performance timeline (a performance entry's `startTime`, `performance.now()`) or epoch ms.
   * Anything unusable means now.
   *
   * Which kind a number is: OpenTelemetry JS takes every number below `timeOrigin` as
   * timeline-relative, which misreads an epoch time from before the page loaded (e.g. `Date.now() -
   * 60000` on a page opened 10 s ago) as a date decades ahead. Here a number is timeline-relative when
   * it is no later than the timeline's now plus {@link TIMELINE_SLACK_MS}; epoch ms of any date since
   * 1970 (plus the page's age) are far above that.
   */
  toHrTime(input: TimeInput | undefined): HrTime {
    if (isHrTime(input)) return input;
    const millis = input instanceof Date ? input.getTime() : input;
    if (typeof millis !== 'number' || !Number.isFinite(millis)) return millisToHrTime(this.nowMillis());
    const origin = this.origin();
    return millisToHrTime(millis <= this._sources.now() + TIMELINE_SLACK_MS ? origin + millis : millis);
  }
}

function browserSources(): ClockSources {
  const performance = (globalThis as { performance?: Performance }).performance;
  if (performance && typeof performance.now === 'function') {
    // timeOrigin is missing in old engines; work it out from the two clocks.
    const timeOrigin = typeof performance.timeOrigin === 'number' ? performance.timeOrigin : Date.now() - performance.now();
    // Captured now: fake timers and other page code that replace performance.now or Date.now later do not
    // reach span timestamps (and a replacement that throws cannot make end() throw).
    const now = performance.now.bind(performance);
    return { timeOrigin, now, dateNow: Date.now };
  }
  return { timeOrigin: 0, now: Date.now, dateNow: Date.now };
}

/** The page's clock, shared by every span and by the activity tracker. */
export const pageClock = new Clock(browserSources());

/** Now, as an `HrTime`. */
export const hrTime = (): HrTime => millisToHrTime(pageClock.nowMillis());

export function isHrTime(value: unknown): value is HrTime {
  return isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
}

export function millisToHrTime(millis: number): HrTime {
  const seconds = Math.floor(millis / 1000);
  // Rounded to whole nanoseconds; the carry keeps nanos below 1e9.
  const nanos = Math.round((millis - seconds * 1000) * 1e6);
  return nanos >= 1e9 ? [seconds + 1, nanos - 1e9] : [seconds, nanos];
}

export const hrTimeToMilliseconds = ([seconds, nanos]: HrTime): number => seconds * 1000 + nanos / 1e6;

/** `time` plus `millis` (which may be negative), exact to the nanosecond. */
export function addMillis([seconds, nanos]: HrTime, millis: number): HrTime {
  const [addSeconds, addNanos] = millisToHrTime(millis);
  const total = nanos + addNanos;
  return total >= 1e9 ? [seconds + addSeconds + 1, total - 1e9] : [seconds + addSeconds, total];
}

/** `end - start`, never negative in the sense of HrTime ordering (callers clamp first). */
export function hrTimeDuration(start: HrTime, end: HrTime): HrTime {
  let seconds = end[0] - start[0];
  let nanos = end[1] - start[1];
  if (nanos < 0) {
    seconds -= 1;
    nanos += 1e9;
  }
  return [seconds, nanos];
}

export const isBefore = (a: HrTime, b: HrTime): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
