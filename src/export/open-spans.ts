import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span } from '../trace/types';
import { FETCH_SCOPE, XHR_SCOPE } from '../instrumentations/http/http-span';
import type { HideReason } from '../lib/lifecycle';
import { SpanProcessorBase } from '../lib/span-processor-base';

/**
 * Set on a request span that the SDK ended because the page was going away: `'pagehide'` (the request
 * may still have been in flight; its duration stops there) or `'visibilitychange'` (the response had
 * arrived; only the Server-Timing link it was waiting for from the resource timing entry is missing).
 */
export const ENDED_BY_ATTRIBUTE = 'otel_browser.ended_by';

/** Scopes of the request instrumentations (instrumentations/fetch/, xhr/). */
const REQUEST_SCOPES = new Set([FETCH_SCOPE, XHR_SCOPE]);

/** Set once the response is in: a span still open then is waiting briefly for its Server-Timing link. */
const RESPONSE_STATUS = 'http.response.status_code';

/**
 * Remembers fetch and XHR spans until they end, so that page hide can end them at once and they can
 * be exported: a request still in flight when the page unloads would otherwise never produce a span at
 * all, and a cross-origin one whose response hid Server-Timing waits up to 250 ms for its resource entry.
 */
export class OpenSpansProcessor extends SpanProcessorBase {
  private readonly _open = new Set<Span>();

  override onStart(span: Span, _context: Context): void {
    if (REQUEST_SCOPES.has(span.instrumentationScope?.name)) this._open.add(span);
  }

  override onEnd(span: ReadableSpan): void {
    this._open.delete(span as Span);
  }

  /** Request spans still open. */
  get size(): number {
    return this._open.size;
  }

  /**
   * Ends open request spans now, marked with {@link ENDED_BY_ATTRIBUTE}. On `pagehide` all of them;
   * on `visibilitychange` (the page may live on) only those whose response has already arrived.
   * The instrumentation's own `end()` later is then a no-op.
   */
  endOpen(reason: HideReason): number {
    let ended = 0;
    for (const span of [...this._open]) {
      if (reason !== 'pagehide' && span.attributes[RESPONSE_STATUS] === undefined) continue;
      try {
        span.setAttribute(ENDED_BY_ATTRIBUTE, reason);
        span.end();
        ended++;
      } catch {
        // A span that cannot be ended is left to its instrumentation.
      }
      this._open.delete(span);
    }
    return ended;
  }

  override shutdown(): Promise<void> {
    this._open.clear();
    return Promise.resolve();
  }
}
