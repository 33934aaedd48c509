import type { Logger } from '../lib/logger';
import { byteLength, gzip } from './compress';
import { gzipSync } from './gzip-sync';
import type { ResolvedExportOptions } from './options';
import { isRetryable, retryDelay } from './retry';
import type { BatchStore, StoredBatch } from './store';
import { sendBeacon, supportsKeepalive, type SendResult, type Transport } from './transport';

/** One encoded OTLP request body and how many spans it carries. */
export interface Outgoing {
  body: string;
  spans: number;
}

interface Batch extends Outgoing {
  /** When the first attempt was made: retries stop `maxElapsedMs` after it. */
  since: number;
  attempt: number;
  timer?: ReturnType<typeof setTimeout>;
  /** A request for it is on the wire right now (not merely being compressed). */
  onWire: boolean;
  /** Handed to the store on page hide: an attempt still compressing it must not send it. */
  kept?: boolean;
  /** The body as the next attempt sends it, when already prepared (the page-hide path compresses synchronously). */
  prepared?: Prepared;
}

interface Prepared {
  body: string | Uint8Array;
  gzip: boolean;
}

/**
 * Our share of the keepalive budget. Chromium refuses a keepalive request once the bodies of all the
 * document's keepalive requests in flight would pass 64 KiB (measured here: 65,536 bytes pass, 65,537 fail,
 * and `sendBeacon` draws on the same budget). The rest is left for the page's own keepalive requests.
 */
export const KEEPALIVE_BUDGET = 60_000;

/** Batches on the wire or waiting to retry at most; while full, spans wait in the (bounded) queue. */
const MAX_ACTIVE = 2;

export interface DeliveryParts {
  win: typeof globalThis;
  endpoint: string;
  transport: Transport;
  /** Absent when persistence is off. */
  store?: BatchStore;
  options: ResolvedExportOptions;
  logger: Logger;
  /** Spans that are lost for good (refused by the collector, or neither sent nor stored). */
  onDropped(spans: number): void;
  /** There is room for another batch. */
  onIdle(): void;
  now?: () => number;
}

/**
 * Sends batches: keepalive whenever the body fits the budget (so a request survives the page), gzip when
 * configured, retries with backoff, and hands what cannot be sent to the store. On page hide it sends
 * at once, synchronously, within the keepalive budget, and stores the rest.
 */
export class Delivery {
  private readonly _active = new Set<Batch>();
  private _backlog: Batch[] = [];
  private readonly _inFlight = new Set<Promise<void>>();
  private _keepaliveBytes = 0;
  /** The last attempt failed and nothing succeeded since: the collector is probably away. */
  private _failing = false;
  /** After shutdown nothing is retried or replayed; what fails is stored. */
  private _stopped = false;
  private _keepalive: boolean | undefined;
  private readonly _now: () => number;

  constructor(private readonly _parts: DeliveryParts) {
    this._now = _parts.now ?? Date.now;
  }

  /** Checked on first use, not at init: the first touch of `Request` is not free. */
  private get _keepaliveSupported(): boolean {
    return (this._keepalive ??= supportsKeepalive(this._parts.win));
  }

  hasRoom(): boolean {
    return this._active.size < MAX_ACTIVE;
  }

  /** Batches on the wire or waiting to retry, and stored batches waiting for room: for debug and tests. */
  stats(): { active: number; backlog: number; keepaliveBytes: number } {
    return { active: this._active.size, backlog: this._backlog.length, keepaliveBytes: this._keepaliveBytes };
  }

  send(outgoing: Outgoing): void {
    const batch: Batch = { ...outgoing, since: this._now(), attempt: 0, onWire: false };
    this._active.add(batch);
    this._attempt(batch, false);
  }

  /** Takes the stored batches for this endpoint and sends them as room allows. */
  replayStored(): void {
    if (this._stopped) return;
    this._parts.store
      ?.takeAll()
      .then((stored) => {
        this._parts.logger.debug(`took ${stored.length} stored batch(es) to send`);
        if (!stored.length) return;
        for (const b of stored) this._backlog.push({ body: b.body, spans: b.spans, since: this._now(), attempt: 0, onWire: false });
        this.pump();
      })
      .catch(() => undefined);
  }

  pump(): void {
    while (this._backlog.length && this.hasRoom()) {
      const batch = this._backlog.shift()!;
      this._active.add(batch);
      this._attempt(batch, false);
    }
  }

  /** Resolves when no request is on the wire (batches waiting to retry do not hold it up). */
  async settled(): Promise<void> {
    while (this._inFlight.size) await Promise.all(this._inFlight);
  }

  /**
   * The page is being hidden. Sends `outgoing` now within the keepalive budget and stores what does not
   * fit. When `final` (pagehide), batches waiting to retry or waiting in the backlog are stored too:
   * their timers would never fire.
   */
  hide(outgoing: Outgoing[], final: boolean): void {
    if (final) {
      for (const batch of [...this._active, ...this._backlog]) {
        // A request on the wire is left to finish (it is keepalive when it fit): storing it as well could
        // send it twice.
        if (batch.onWire) continue;
        batch.kept = true;
        clearTimeout(batch.timer);
        this._active.delete(batch);
        this._keep(batch, true);
      }
      this._backlog = [];
    }
    for (const item of outgoing) this._sendNow(item);
  }

  /** Stops retrying; what still waits is stored. */
  shutdown(): void {
    this._stopped = true;
    this.hide([], true);
  }

  private _sendNow(item: Outgoing): void {
    // With the collector away, a request now would fail after the page is gone: store instead.
    if (this._failing && this._parts.store?.put(this._record(item), true)) {
      this._parts.logger.debug(`the collector is failing: stored ${item.spans} spans for the next page load`);
      return;
    }
    const prepared = this._prepareNow(item.body);
    if (this._keepaliveSupported && this._keepaliveBytes + byteLength(prepared.body) <= KEEPALIVE_BUDGET) {
      const batch: Batch = { ...item, since: this._now(), attempt: 0, onWire: false, prepared };
      this._active.add(batch);
      this._attempt(batch, true);
    } else if (!this._keepaliveSupported && sendBeacon(this._parts.win, this._parts.endpoint, item.body)) {
      this._parts.logger.debug(`sent ${item.spans} spans by beacon`);
    } else {
      this._keep(item, true);
    }
  }

  /** The body compressed synchronously when gzip is on: the budget counts compressed bytes. */
  private _prepareNow(body: string): Prepared {
    if (this._parts.options.compression === 'gzip') {
      try {
        return { body: gzipSync(body), gzip: true };
      } catch {
        // Sent uncompressed instead.
      }
    }
    return { body, gzip: false };
  }

  /**
   * One request. Synchronous up to the `fetch` call when `urgent` (no asynchronous compression), which
   * the page-hide path needs: work scheduled for later may never run.
   */
  private _attempt(batch: Batch, urgent: boolean): void {
    const done = this._request(batch, urgent)
      .catch((): SendResult => ({ status: 0 }))
      .then((result) => {
        this._inFlight.delete(done);
        batch.onWire = false;
        if (batch.kept) return;
        try {
          this._settle(batch, result);
        } catch (error) {
          this._parts.logger.debug('export bookkeeping failed', error);
        }
      });
    this._inFlight.add(done);
  }

  private async _request(batch: Batch, urgent: boolean): Promise<SendResult> {
    let { body, gzip: compressed } = batch.prepared ?? { body: batch.body, gzip: false };
    batch.prepared = undefined;
    if (this._parts.options.compression === 'gzip' && !compressed && !urgent) {
      const zipped = await gzip(this._parts.win, batch.body);
      if (zipped) [body, compressed] = [zipped, true];
      if (batch.kept) return { status: 0 }; // Stored on page hide while compressing: not sent.
    }
    const size = byteLength(body);
    const keepalive = this._keepaliveSupported && this._keepaliveBytes + size <= KEEPALIVE_BUDGET;
    if (keepalive) this._keepaliveBytes += size;
    batch.onWire = true;
    try {
      return await this._parts.transport(body, { keepalive, gzip: compressed });
    } finally {
      if (keepalive) this._keepaliveBytes -= size;
    }
  }

  private _settle(batch: Batch, { status, retryAfterMs }: SendResult): void {
    const { logger, options } = this._parts;
    if (status >= 200 && status < 300) {
      this._finish(batch);
      if (this._failing) {
        this._failing = false;
        this.replayStored();
      }
      return;
    }
    if (!isRetryable(status)) {
      logger.debug(`the collector refused ${batch.spans} spans (HTTP ${status}); not retried`);
      this._finish(batch);
      this._parts.onDropped(batch.spans);
      return;
    }
    this._failing = true;
    const delay = options.retry ? retryDelay(batch.attempt, retryAfterMs, options.retry) : Infinity;
    if (!options.retry || this._stopped || this._now() + delay - batch.since > options.retry.maxElapsedMs) {
      // The failure itself was reported once per status by the transport (report-failures.ts).
      logger.debug(`giving up on ${batch.spans} spans after ${batch.attempt + 1} attempt(s); keeping them for the next page load`);
      this._finish(batch);
      this._keep(batch);
      return;
    }
    batch.attempt++;
    logger.debug(`retrying ${batch.spans} spans (attempt ${batch.attempt + 1}) in ${delay} ms`);
    batch.timer = setTimeout(() => this._attempt(batch, false), delay);
  }

  private _finish(batch: Batch): void {
    this._active.delete(batch);
    this.pump();
    this._parts.onIdle();
  }

  /** Stores a batch for the next page load (synchronously on page hide), or counts its spans dropped. */
  private _keep(item: Outgoing, now = false): void {
    if (this._parts.store?.put(this._record(item), now)) {
      this._parts.logger.debug(`stored ${item.spans} spans for the next page load`);
    } else {
      this._parts.onDropped(item.spans);
    }
  }

  private _record(item: Outgoing): StoredBatch {
    return { endpoint: this._parts.endpoint, body: item.body, spans: item.spans, bytes: byteLength(item.body), createdAt: this._now() };
  }
}
