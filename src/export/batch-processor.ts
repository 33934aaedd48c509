import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Logger } from '../lib/logger';
import { encodeSpans } from './otlp-json';
import type { Transport } from './transport';

export interface BatchOptions {
  /** Spans held at most; beyond it new spans are dropped and counted. */
  maxQueueSize: number;
  /** Spans per request at most. */
  maxBatchSize: number;
  /** How long ended spans wait for company before they are sent, in ms. */
  delayMs: number;
  /** Spans for which this returns false are not exported (e.g. resource timings of ignored URLs). */
  accept?: (span: ReadableSpan) => boolean;
}

export const DEFAULT_BATCH: BatchOptions = { maxQueueSize: 2048, maxBatchSize: 100, delayMs: 1000 };

/**
 * Collects ended spans and sends them in batches through `transport`. Bounded: a queue at
 * `maxQueueSize` drops new spans and counts them (`dropped`), so memory stays flat when the
 * collector is down.
 */
export class BatchProcessor implements SpanProcessor {
  /** Spans dropped because the queue was full. */
  dropped = 0;
  private _queue: ReadableSpan[] = [];
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _inFlight = new Set<Promise<void>>();
  private _closed = false;

  constructor(
    private readonly _transport: Transport,
    private readonly _logger: Logger,
    private readonly _options: BatchOptions = DEFAULT_BATCH,
  ) {}

  onStart(_span: Span, _context: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (this._closed || !(span.spanContext().traceFlags & 1) || this._options.accept?.(span) === false) return;
    if (this._queue.length >= this._options.maxQueueSize) {
      this.dropped++;
      this._logger.debugOnce('queue-full', 'export queue full: dropping spans (counted)');
      return;
    }
    this._queue.push(span);
    if (this._queue.length >= this._options.maxBatchSize) this._sendAll();
    else this._timer ??= setTimeout(() => this._sendAll(), this._options.delayMs);
  }

  /** Sends everything queued now; resolves when the requests have finished. */
  forceFlush(): Promise<void> {
    this._sendAll();
    return Promise.all(this._inFlight).then(() => undefined);
  }

  shutdown(): Promise<void> {
    const flushed = this.forceFlush();
    this._closed = true;
    return flushed;
  }

  private _sendAll(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
    while (this._queue.length) {
      const batch = this._queue.splice(0, this._options.maxBatchSize);
      // Failures are reported once per status by the transport (export/report-failures.ts).
      const request = this._transport(encodeSpans(batch)).then(() => {
        this._inFlight.delete(request);
      });
      this._inFlight.add(request);
    }
  }
}
