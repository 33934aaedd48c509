import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '../trace/types';
import type { Consent } from './consent';
import type { Logger } from '../lib/logger';
import type { DropCounter } from '../export/drops';

/** Spans held in memory at most while consent is pending; later ones are dropped and counted. */
export const MAX_PENDING_SPANS = 500;

/**
 * Stands in front of the export processor and lets spans through only with consent. While consent is
 * `pending`, ended spans wait in memory (bounded, never in storage); on `granted` they go on to the
 * exporter in order, on `denied` they are discarded. While `denied` every span is discarded at once
 * (withheld, not lost: only the pending buffer's overflow is counted in `drops`).
 */
export class ConsentGate implements SpanProcessor {
  private _pending: ReadableSpan[] = [];
  private readonly _unsubscribe: () => void;

  constructor(
    private readonly _next: SpanProcessor,
    private readonly _consent: Consent,
    private readonly _logger: Logger,
    private readonly _maxPending = MAX_PENDING_SPANS,
    /** Counts spans lost while consent was pending (buffer full): in `otel_browser.dropped_spans` once sent. */
    private readonly _drops?: Pick<DropCounter, 'count'>,
  ) {
    this._unsubscribe = _consent.subscribe((state) => {
      if (state === 'granted') this._release();
      else if (state === 'denied') this._discard();
    });
  }

  onStart(span: Span, context: Context): void {
    this._next.onStart(span, context);
  }

  onEnd(span: ReadableSpan): void {
    const state = this._consent.get();
    if (state === 'granted') this._next.onEnd(span);
    else if (state === 'denied') return;
    else if (this._pending.length < this._maxPending) this._pending[this._pending.length] = span;
    else {
      // Counted as lost: if consent is granted later, the count goes out with the first batch.
      this._drops?.count(1);
      this._logger.debugOnce('consent-buffer-full', `consent is pending and ${this._maxPending} spans are waiting: dropping newer spans`);
    }
  }

  /** Without consent there is nothing to flush: pending spans stay pending. */
  forceFlush(): Promise<void> {
    return this._consent.isGranted() ? this._next.forceFlush() : Promise.resolve();
  }

  shutdown(): Promise<void> {
    this._unsubscribe();
    this._discard();
    return this._next.shutdown();
  }

  private _release(): void {
    const spans = this._pending;
    this._pending = [];
    this._logger.debug(`consent granted: exporting ${spans.length} pending spans`);
    for (let i = 0; i < spans.length; i++) {
      try {
        this._next.onEnd(spans[i]);
      } catch {
        this._drops?.count(1);
      }
    }
  }

  private _discard(): void {
    this._pending = [];
  }
}
