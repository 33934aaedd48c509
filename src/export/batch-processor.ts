import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '../trace/types';
import type { Logger } from '../lib/logger';
import type { Delivery, Outgoing } from './delivery';
import type { ResolvedExportOptions } from '../config/types';
import { ownKeys } from '../lib/natives';
import { encodeSpans } from './otlp-json';

export interface BatchOptions
  extends Pick<ResolvedExportOptions, 'maxQueueSize' | 'maxQueueBytes' | 'maxBatchSize' | 'maxBatchBytes' | 'delayMs'> {
  /** Spans for which this returns false are not exported (e.g. resource timings of ignored URLs). */
  accept?: (span: ReadableSpan) => boolean;
  /** Whether the page is hidden now: a flush then goes through delivery's synchronous page-hide path. */
  hidden?: () => boolean;
}

/**
 * Set on the first span of a batch: how many spans were lost since the previous report (queue full,
 * refused by the collector, or neither sendable nor storable).
 */
export const DROPPED_SPANS_ATTRIBUTE = 'otel_browser.dropped_spans';

/** What the queue holds: for debug output and tests. */
export interface QueueStats {
  queued: number;
  queuedBytes: number;
  /** Spans lost since the SDK started. */
  dropped: number;
}

/**
 * Collects ended spans and hands them to `delivery` in batches bounded in spans and bytes. Memory is
 * bounded too: the queue holds at most `maxQueueSize` spans and `maxQueueBytes` (estimated) bytes;
 * beyond that new spans are dropped and counted, and the count goes out on the next batch.
 */
export class BatchProcessor implements SpanProcessor {
  private _queue: ReadableSpan[] = [];
  private _sizes: number[] = [];
  private _bytes = 0;
  private _dropped = 0;
  private _unreported = 0;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _closed = false;
  /** Set while the page hides: spans ended then wait for `_drain()`, not the asynchronous path. */
  private _holding = false;
  /** The delay is up but delivery had no room: the next room goes to whatever is queued. */
  private _due = false;

  constructor(
    private readonly _delivery: Delivery,
    private readonly _logger: Logger,
    private readonly _options: BatchOptions,
  ) {}

  stats(): QueueStats {
    return { queued: this._queue.length, queuedBytes: this._bytes, dropped: this._dropped };
  }

  /** Counts lost spans; the count is reported as {@link DROPPED_SPANS_ATTRIBUTE} on the next batch. */
  _countDropped(spans: number): void {
    this._dropped += spans;
    this._unreported += spans;
  }

  /** Consent is no longer granted: queued spans are dropped and counted, never sent. */
  _dropQueued(): void {
    this._stopTimer();
    this._due = false;
    this._countDropped(this._queue.length);
    this._queue = [];
    this._sizes = [];
    this._bytes = 0;
  }

  onStart(_span: Span, _context: Context): void {}

  onEnd(span: ReadableSpan): void {
    // Called from the page's span.end(): nothing may throw into it. A span that cannot be queued is counted.
    try {
      this._queueSpan(span);
    } catch (error) {
      this._countDropped(1);
      this._logger.debugOnce('queue-failed', 'a span could not be queued for export', error);
    }
  }

  private _queueSpan(span: ReadableSpan): void {
    if (this._closed || !(span.spanContext().traceFlags & 1) || this._options.accept?.(span) === false) return;
    const size = estimateBytes(span);
    if (this._queue.length >= this._options.maxQueueSize || this._bytes + size > this._options.maxQueueBytes) {
      this._countDropped(1);
      this._logger.debugOnce('queue-full', `export queue full (${this._queue.length} spans, ~${this._bytes} bytes): dropping new spans`);
      return;
    }
    this._queue.push(span);
    this._sizes.push(size);
    this._bytes += size;
    this._pump(false);
  }

  /**
   * Hands batches to delivery while it has room; the rest waits (delivery calls back when it has room).
   * `all`: also a last, partly filled batch (when the delay is up); otherwise only full ones, so that a
   * steady trickle of spans still leaves in full batches rather than one request per finished export.
   */
  _pump(all = true): void {
    if (this._holding) return;
    // The delay ran out while delivery had no room: the partial batch is owed as soon as there is room.
    all ||= this._due;
    if (all) this._stopTimer();
    const { maxBatchSize, maxBatchBytes, delayMs } = this._options;
    while (this._queue.length && this._delivery._hasRoom() && (all || this._queue.length >= maxBatchSize || this._bytes >= maxBatchBytes)) {
      const batch = this._next();
      if (batch) this._delivery._send(batch);
    }
    this._due = all && this._queue.length > 0;
    if (this._queue.length && !this._due) this._timer ??= setTimeout(() => this._pump(), delayMs);
  }

  /** Sends everything queued now; resolves when the requests have finished. */
  forceFlush(): Promise<void> {
    // Hidden: the page may be gone before anything asynchronous runs (vitals are flushed at hide).
    if (this._options.hidden?.()) this._delivery.hide(this._takeAll(), false);
    else for (const batch of this._takeAll()) this._delivery._send(batch);
    return this._delivery._settled();
  }

  /**
   * Page hide: runs `action` (which ends open spans) without sending anything, then returns everything
   * queued, encoded in batches, for delivery's synchronous path.
   */
  _drain(action: () => void): Outgoing[] {
    this._holding = true;
    try {
      action();
    } finally {
      this._holding = false;
    }
    return this._takeAll();
  }

  shutdown(): Promise<void> {
    const flushed = this.forceFlush();
    this._closed = true;
    return flushed;
  }

  private _stopTimer(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  /** Everything queued, in batches; nothing is owed or timed after it. */
  private _takeAll(): Outgoing[] {
    this._stopTimer();
    this._due = false;
    const out: Outgoing[] = [];
    while (this._queue.length) {
      const batch = this._next();
      if (batch) out[out.length] = batch;
    }
    return out;
  }

  /**
   * Takes the next batch off the queue: at least one span, then as many as fit `maxBatchBytes`.
   * Undefined when it could not be encoded: those spans are counted dropped.
   */
  private _next(): Outgoing | undefined {
    const { maxBatchSize, maxBatchBytes } = this._options;
    let count = 0;
    let bytes = 0;
    while (count < this._queue.length && count < maxBatchSize && (count === 0 || bytes + this._sizes[count] <= maxBatchBytes)) {
      bytes += this._sizes[count++];
    }
    const spans = this._queue.splice(0, count);
    this._sizes.splice(0, count);
    this._bytes -= bytes;
    const reported = this._unreported;
    if (reported) {
      this._logger.debug(`${this._unreported} spans dropped; reporting them as ${DROPPED_SPANS_ATTRIBUTE} (total ${this._dropped})`);
      // A view of the ended span with one more attribute; the span itself is left as it is.
      spans[0] = Object.create(spans[0], {
        attributes: { value: { ...spans[0].attributes, [DROPPED_SPANS_ATTRIBUTE]: this._unreported }, enumerable: true },
      });
      this._unreported = 0;
    }
    try {
      return { body: encodeSpans(spans), spans: count };
    } catch (error) {
      this._unreported += reported; // Not reported after all: the next batch carries it.
      this._countDropped(count);
      this._logger.debugOnce('encode-failed', 'spans could not be encoded for export and were dropped', error);
      return undefined;
    }
  }
}

/**
 * A cheap estimate of a span's size in OTLP JSON (ids, times and structure, plus names and attributes),
 * so the hot path never serialises anything. Measured against the encoder: within ~15% for HTTP spans.
 */
export function estimateBytes(span: ReadableSpan): number {
  let size = 240 + span.name.length + attributesBytes(span.attributes);
  for (const event of span.events) size += 60 + event.name.length + attributesBytes(event.attributes);
  size += span.links.length * 110;
  return size;
}

function attributesBytes(attributes: ReadableSpan['attributes'] | undefined): number {
  let size = 0;
  if (!attributes) return size;
  const keys = ownKeys(attributes);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = attributes[key];
    size += 40 + key.length + (typeof value === 'string' ? value.length : Array.isArray(value) ? value.length * 24 : 8);
  }
  return size;
}
