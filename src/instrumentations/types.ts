import type { TracerProvider } from '@opentelemetry/api';
import type { ActivityTracker } from './activity/activity-tracker';
import type { Timers } from '../context/timers';
import type { InstrumentationName, ResolvedConfig, ResolvedInstrumentationOptions } from '../config/types';
import type { Consent } from '../privacy/consent';
import type { Logger } from '../lib/logger';
import type { RequestPolicy } from '../trace/request-policy';

/** What every instrumentation gets from `init()`: nothing global that tests would need to reset. */
export interface SdkContext {
  config: ResolvedConfig;
  tracerProvider: TracerProvider;
  policy: RequestPolicy;
  logger: Logger;
  window: Window & typeof globalThis;
  /** Consent state: nothing is stored, propagated or exported unless it is granted. */
  consent: Consent;
  /** Redacts secrets (query values, user info) from a URL before it is recorded anywhere. */
  redactUrl: (url: string) => string;
  /** Follows interaction and route-change spans: ambient context while under way, ended when settled. */
  activities: ActivityTracker;
  /** Timers for the SDK's own bookkeeping (outside any zone). */
  timers: Timers;
}

/** Undoes exactly what `setup` did. */
export type Teardown = () => void;

/**
 * A built-in instrumentation: a plain object whose `setup` turns it on and returns its teardown.
 * `options` are its options from `config.instrumentations`, validated and with the defaults filled in.
 */
export interface BrowserInstrumentation<N extends InstrumentationName = InstrumentationName> {
  name: N;
  /**
   * Set up once the page has loaded and the main thread is idle, not during `init()`: for what reads
   * only buffered performance entries, so nothing is missed by starting later.
   */
  deferred?: true;
  setup(context: SdkContext, options: ResolvedInstrumentationOptions[N]): Teardown | void;
}
