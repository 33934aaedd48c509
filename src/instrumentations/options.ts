// The options each built-in instrumentation takes, as named types, so an app's TypeScript checks them
// (a misspelt or mistyped option is a compile error, not a silent no-op). Validation at run time is
// in config.ts and interaction-options.ts; these types only describe what it accepts.
import type { NavigationOptions, UserInteractionOptions } from './interaction-options';

/** Options of `instrumentations.fetch`. */
export interface FetchOptions {
  /** Adds the request's network timings (DNS, connect, TLS, request, response) as span events. @default true */
  networkEvents?: boolean;
}

/** Options of `instrumentations.xhr`. */
export interface XhrOptions {
  /** Adds the request's network timings (DNS, connect, TLS, request, response) as span events. @default true */
  networkEvents?: boolean;
}

/** Options of `instrumentations.documentLoad`. */
export interface DocumentLoadOptions {
  /** Adds the document's network timings as events of the page-load spans. @default true */
  networkEvents?: boolean;
  /** Adds `firstPaint` and `firstContentfulPaint` events to the page-load span. @default true */
  paintEvents?: boolean;
}

/** Options of `instrumentations.errors` (none yet: pass `true` or `false`). */
export interface ErrorsOptions {}

/** Options of `instrumentations.webVitals`. */
export interface WebVitalsOptions {
  /** Reports every change of a metric, not only its final value at page hide. @default false */
  reportAllChanges?: boolean;
}

/** Options of `instrumentations.longTasks`. */
export interface LongTasksOptions {
  /** Records only tasks or frames longer than this many ms (never below 50). @default 50 */
  thresholdMs?: number;
  /** Which entries to observe; without it, long animation frames where the browser has them, else long tasks. @default 'long-animation-frame' */
  entryType?: 'long-animation-frame' | 'longtask';
}

/** The `instrumentations` option: each built-in instrumentation `true`/`false`, or its options (which mean enabled). */
export interface InstrumentationsOptions {
  fetch?: boolean | FetchOptions;
  xhr?: boolean | XhrOptions;
  documentLoad?: boolean | DocumentLoadOptions;
  userInteraction?: boolean | UserInteractionOptions;
  navigation?: boolean | NavigationOptions;
  errors?: boolean | ErrorsOptions;
  webVitals?: boolean | WebVitalsOptions;
  longTasks?: boolean | LongTasksOptions;
}
