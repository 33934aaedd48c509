import type { ReadableSpan } from '../trace/types';
import type { Logger } from '../lib/logger';
import type { Delivery, Outgoing } from './delivery';
import type { ResolvedExportOptions } from '../config/types';
import { ownKeys } from '../lib/natives';
import { DROPPED_SPANS_ATTRIBUTE, type DropCounter } from './drops';
import { encodeSpans } from './otlp-json';
import { SpanProcessorBase } from '../lib/span-processor-base';

export { DROPPED_SPANS_ATTRIBUTE };

export interface BatchOptions extends Pick<ResolvedExportOptions, 'maxQueueSize' | 'maxQueueBytes' | 'maxBatchSize' | 'maxBatchBytes' | 'delayMs'> {
  /** Whether the page is hidden now: a flush then goes through delivery's synchronous page-hide path. */
  hidden?: () => boolean;
}

/** What the queue holds: for debug output and tests. */
export interface QueueStats {
  queued: number;
  queuedBytes: number;
  /** Spans lost since the SDK started. */
  dropped: number;
}

/**
 * The queue: collects ended spans and hands them to `delivery` in batches bounded in spans and bytes.
 * Memory is bounded too: the queue holds at most `maxQueueSize` spans and `maxQueueBytes` (estimated)
 * bytes; beyond that new spans are dropped and counted, and the count goes out on the next batch.
 * It only ever calls delivery; when delivery has no room it awaits `delivery.room()`.
 */
export class BatchProcessor extends SpanProcessorBase {
  private _queue: ReadableSpan[] = [];
  private _sizes: number[] = [];
  private _bytes = 0;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _closed = false;
  /** Set while the page hides: spans ended then wait for `hide()`, not the asynchronous path. */
  private _holding = false;
  /** The delay is up but delivery had no room: the next room goes to whatever is queued. */
  private _due = false;
  /** Waiting for `delivery.room()`. */
  private _waiting = false;

  constructor(
    private readonly _delivery: Delivery,
    private readonly _drops: DropCounter,
    private readonly _logger: Logger,
    private readonly _options: BatchOptions,
  ) {
    super();
  }

  stats(): QueueStats {
    return { queued: this._queue.length, queuedBytes: this._bytes, dropped: this._drops.total };
  }

  /** Consent is no longer granted: queued spans are dropped and counted, never sent. */
  clear(): void {
    this._stopTimer();
    this._due = false;
    this._drops.count(this._queue.length);
    this._queue = [];
    this._sizes = [];
    this._bytes = 0;
  }

  override onEnd(span: ReadableSpan): void {
    // Called from the page's span.end(): nothing may throw into it. A span that cannot be queued is counted.
    try {
      this._queueSpan(span);
    } catch (error) {
      this._drops.count(1);
      this._logger.debugOnce('queue-failed', 'a span could not be queued for export', error);
    }
  }

  private _queueSpan(span: ReadableSpan): void {
    if (this._closed) return;
    const size = estimateBytes(span);
    if (this._queue.length >= this._options.maxQueueSize || this._bytes + size > this._options.maxQueueBytes) {
      this._drops.count(1);
      this._logger.debugOnce('queue-full', `export queue full (${this._queue.length} spans, ~${this._bytes} bytes): dropping new spans`);
      return;
    }
    this._queue.push(span);
    this._sizes.push(size);
    this._bytes += size;
    this._pump(false);
  }

  /**
   * Hands batches to delivery while it has room; the rest waits for room (or for the delay).
   * `all`: also a last, partly filled batch (when the delay is up); otherwise only full ones, so that a
   * steady trickle of spans still leaves in full batches rather than one request per finished export.
   */
  private _pump(all = true): void {
    if (this._holding) return;
    // The delay ran out while delivery had no room: the partial batch is owed as soon as there is room.
    all ||= this._due;
    if (all) this._stopTimer();
    const { maxBatchSize, maxBatchBytes, delayMs } = this._options;
    const delivery = this._delivery;
    // Without room, while the collector is failing, full batches go to storage (delivery.send stores
    // them) instead of filling the queue; a partial one waits for more spans or for room, rather than
    // making a stored record (and later a request) of its own every `delayMs`.
    while (this._queue.length) {
      const full = this._queue.length >= maxBatchSize || this._bytes >= maxBatchBytes;
      if (!(all || full) || !delivery.hasRoom(full)) break;
      const batch = this._next();
      if (batch) delivery.send(batch);
    }
    this._due = all && this._queue.length > 0;
    if (this._queue.length && !this._due) this._timer ??= setTimeout(() => this._pump(), delayMs);
    // Held up for want of room: full batches (or an owed partial one) go as soon as delivery has room.
    if (this._queue.length && !delivery.hasRoom() && !this._waiting) {
      this._waiting = true;
      void delivery.room().then(() => {
        this._waiting = false;
        this._pump(false);
      });
    }
  }

  /** Sends everything queued now; resolves when the requests have finished. */
  override forceFlush(): Promise<void> {
    // Hidden: the page may be gone before anything asynchronous runs (vitals are flushed at hide).
    if (this._options.hidden?.()) this.hide(false);
    else for (const batch of this._takeAll()) this._delivery.send(batch);
    return this._delivery.settled();
  }

  /**
   * Page hide: runs `before` (which ends open spans) without sending anything, then hands everything
   * queued, encoded in batches, to delivery's synchronous page-hide path (`final`: `pagehide`).
   * Returns how many batches went.
   */
  hide(final: boolean, before?: () => void): number {
    this._holding = true;
    try {
      before?.();
    } finally {
      this._holding = false;
    }
    const batches = this._takeAll();
    this._delivery.hide(batches, final);
    return batches.length;
  }

  override shutdown(): Promise<void> {
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
   * Takes the next batch off the queue: at least one span, then as many as fit `maxBatchBytes`; the
   * lost spans not reported yet go on its first span. Undefined when it could not be encoded: those
   * spans are counted dropped.
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
    const drops = this._drops;
    const reported = drops.unreported;
    if (reported) this._logger.debug(`${reported} spans dropped; reporting them as ${DROPPED_SPANS_ATTRIBUTE} (total ${drops.total})`);
    try {
      const body = encodeSpans(spans, reported);
      drops.unreported -= reported;
      return { body, spans: count, reported };
    } catch (error) {
      // Not reported after all: the next batch carries them, and these spans too.
      drops.count(count);
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
