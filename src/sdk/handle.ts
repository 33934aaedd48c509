import type { Attributes } from '@opentelemetry/api';
import type { ConsentState } from '../privacy/consent';

/** What `init()` returns. Every method is safe to call at any time and never throws. */
export interface OtelBrowserHandle {
  /** Sends every ended span now; resolves when the requests are done. */
  forceFlush(): Promise<void>;
  /** Flushes, then undoes everything `init()` did: instrumentations off, listeners removed, globals unregistered. */
  shutdown(): Promise<void>;
  /** Adds attributes to every span started from now on; a key set to `undefined` is removed. */
  setAttributes(attributes: Attributes): void;
  /** The current session id, or `undefined` when the SDK is off. */
  getSessionId(): string | undefined;
  /**
   * Records the user's tracing consent (call it from your consent manager). `'granted'` exports the
   * spans held while consent was pending and traces normally from then on; `'denied'` discards them
   * and everything after; `'pending'` holds new spans in memory again. While not granted no request
   * gets a trace header and nothing is written to storage. The choice is not remembered across page
   * loads: pass it on each load (the `consent` option, or this method).
   */
  setConsent(state: ConsentState): void;
}

/** The handle returned when the config was bad: the SDK is off and every method does nothing. */
export const NOOP_HANDLE: OtelBrowserHandle = Object.freeze({
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
  setAttributes: () => undefined,
  getSessionId: () => undefined,
  setConsent: () => undefined,
});
