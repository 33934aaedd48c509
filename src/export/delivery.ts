import type { Logger } from '../lib/logger';
import { byteLength, encoder, gzip } from './compress';
import { gzipSync } from './gzip-sync';
import type { ResolvedExportOptions } from '../config/types';
import type { DropCounter } from './drops';
import { isRetryable, retryDelay } from './retry';
import type { BatchStore } from './store';
import { captureBeacon, sendBeacon, supportsKeepalive, type SendResult, type Transport } from './transport';

/** One encoded OTLP request body and how many spans it carries. */
export interface Outgoing {
  body: string;
  spans: number;
  /** Lost spans it reports (`otel_browser.dropped_spans`): counted again if the batch is lost too. */
  reported?: number;
}

interface Batch extends Outgoing {
  /** When the first attempt was made: retries stop `maxElapsedMs` after it. */
  _since: number;
  _attempt: number;
  _timer?: ReturnType<typeof setTimeout>;
  /** A request for it is on the wire right now (not merely being compressed). */
  _onWire?: boolean;
  /** Handed to the store on page hide: an attempt still compressing it must not send it. */
  _kept?: boolean;
  /** The body gzipped for the next attempt, when already done (the page-hide path compresses synchronously). */
  _zipped?: Uint8Array;
  /** Its id in the store, where it stays (leased) until a 2xx for it arrives. */
  _id?: string;
}

/**
 * How long a request on the wire at page hide, or sent by it, keeps its stored copy leased: the next page leaves it alone
 * that long (the request may still succeed), then sends it. Where the first request did succeed without
 * the page seeing the answer, the collector gets it twice (see the README's "How delivery works").
 */
export const HIDE_LEASE_MS = 10_000;

/**
 * Our share of the keepalive budget. Chromium refuses a keepalive request once the bodies of all the
 * document's keepalive requests in flight would pass 64 KiB (measured here: 65,536 bytes pass, 65,537 fail,
 * and `sendBeacon` draws on the same budget). The rest is left for the page's own keepalive requests.
 */
export const KEEPALIVE_BUDGET = 60_000;

/** The result of an attempt consent stopped: the batch is dropped, not retried or stored. */
const WITHHELD = -1;

/**
 * Batches on the wire or waiting to retry at most; while full, spans wait in the (bounded) queue, or,
 * while the collector is failing, go to storage (see `Delivery.send`).
 */
const MAX_ACTIVE = 2;

export interface DeliveryParts {
  win: typeof globalThis;
  endpoint: string;
  transport: Transport;
  /** Absent when persistence is off. */
  store?: BatchStore;
  options: ResolvedExportOptions;
  logger: Logger;
  /** Counts spans lost for good (refused by the collector, withheld by consent, or neither sent nor stored). */
  drops: Pick<DropCounter, 'count'>;
  /** Consent: checked just before the wire, so no retry, replay or beacon goes out while it says no. */
  allowed?(): boolean;
  now?: () => number;
}

/**
 * Sends batches: keepalive whenever the body fits the budget (so a request survives the page), gzip when
 * configured, retries with backoff, and hands what cannot be sent to the store. On page hide it sends
 * at once, synchronously, within the keepalive budget, and stores the rest. It calls only the transport
 * and the store; the queue learns of room through the promise `room()` returns.
 */
export class Delivery {
  private readonly _active = new Set<Batch>();
  private _backlog: Batch[] = [];
  private readonly _inFlight = new Set<Promise<void>>();
  private _keepaliveBytes = 0;
  /** From the final page hide (`pagehide`) until the page shows again. */
  private _leaving = false;
  /** The last attempt failed and nothing succeeded since: the collector is probably away. */
  private _failing = false;
  /** After shutdown nothing is retried or replayed; what fails is stored. */
  private _stopped = false;
  private _keepalive: boolean | undefined;
  private _replayTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly _now: () => number;
  /** Resolves the promises `room()` handed out. */
  private _onRoom: (() => void)[] = [];

  constructor(private readonly _parts: DeliveryParts) {
    this._now = _parts.now ?? Date.now;
    captureBeacon(_parts.win);
  }

  /** Whether a body of `size` bytes may go as keepalive now. `keepalive` support is checked on first use, not at init: the first touch of `Request` is not free. */
  private _fits(size: number): boolean {
    return (this._keepalive ??= supportsKeepalive(this._parts.win)) && this._keepaliveBytes + size <= KEEPALIVE_BUDGET;
  }

  /**
   * Whether another batch may go now: batches on the wire or waiting to retry are few, or, for a `full`
   * batch, storage takes it at once (see `_spilling`).
   */
  hasRoom(full?: boolean): boolean {
    return this._active.size < MAX_ACTIVE || (!!full && this._spilling());
  }

  /**
   * Whether a batch handed over without room goes to storage at once: the collector is failing and
   * IndexedDB may be written. Such batches would be stored anyway (at page hide, or when their retries
   * run out), and are sent from storage when the collector answers again (`replay`), so memory stays at
   * about the batches retrying instead of a full queue.
   */
  private _spilling(): boolean {
    return this._failing && !!this._parts.store?.ready();
  }

  /**
   * Resolves once there is room for another batch (at once, a microtask later, when there is), or when
   * a failure may have made room for full batches in storage.
   */
  room(): Promise<void> {
    return this.hasRoom() ? Promise.resolve() : new Promise((resolve) => this._onRoom.push(resolve));
  }

  /** Batches on the wire or waiting to retry, and stored batches waiting for room: for debug and tests. */
  stats(): { active: number; backlog: number } {
    return { active: this._active.size, backlog: this._backlog.length };
  }

  /** Sends a batch; while the collector is failing and the retrying batches fill the room, stores it (or counts it dropped when storage is full). */
  send(outgoing: Outgoing): void {
    if (!this.hasRoom() && this._spilling()) this._keep(outgoing, false);
    else this._attempt(this._batch(outgoing), false);
  }

  /**
   * Leases the stored batches for this endpoint and sends them as room allows. They stay stored until a
   * 2xx for each arrives; batches another page holds are tried again when its lease lapses.
   */
  replay(): void {
    if (this._stopped) return;
    const retry = this._parts.options.retry;
    // Long enough for every attempt this page may make: no other live tab sends them meanwhile.
    const leaseMs = (retry ? retry.maxElapsedMs : 0) + 30_000;
    this._parts.store
      ?.lease(leaseMs)
      .then(({ batches, retryAt }) => {
        this._parts.logger.debug(`${batches.length} stored batch(es) to send`);
        for (const b of batches) this._backlog.push({ ...this._batch(b), _id: b.id });
        this._pump();
        if (retryAt !== undefined && !this._replayTimer) {
          this._replayTimer = setTimeout(
            () => {
              this._replayTimer = undefined;
              this.replay();
            },
            Math.max(0, retryAt - Date.now()) + 100,
          );
        }
      })
      .catch(() => undefined);
  }

  private _pump(): void {
    while (this._backlog.length && this._active.size < MAX_ACTIVE) this._attempt(this._backlog.shift()!, false);
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
      this._leaving = true;
      this._parts.store?.flush();
      for (const batch of [...this._active, ...this._backlog]) {
        // A request on the wire is left to finish (it is keepalive when it fit), and its batch is kept
        // stored, leased for a while, until its 2xx (if this page still sees it) deletes it: a 503 after
        // the page is gone loses nothing.
        if (batch._onWire) {
          if (!batch._id) batch._id = this._keep(batch, true, true, HIDE_LEASE_MS) || undefined;
          continue;
        }
        batch._kept = true;
        clearTimeout(batch._timer);
        this._active.delete(batch);
        this._keep(batch, true);
      }
      this._backlog = [];
    }
    for (const item of outgoing) this._sendNow(item);
  }

  /** The page shows (again, when restored from the back/forward cache): it is no longer leaving. */
  shown(): void {
    this._leaving = false;
  }

  /** Stops retrying; what still waits is stored. */
  stop(): void {
    this._stopped = true;
    clearTimeout(this._replayTimer);
    this.hide([], true);
  }

  private _batch(item: Outgoing, zipped?: Uint8Array): Batch {
    return { ...item, _since: this._now(), _attempt: 0, _zipped: zipped };
  }

  private _sendNow(item: Outgoing): void {
    const { win, endpoint, options, logger, allowed } = this._parts;
    // With the collector away, a request now would fail after the page is gone: store instead.
    if (this._failing && this._keep(item, true, false)) return;
    // Compressed now, synchronously, when gzip is on: the budget counts compressed bytes.
    let zipped: Uint8Array | undefined;
    if (options.compression === 'gzip') {
      try {
        zipped = gzipSync(item.body);
      } catch {
        // Sent uncompressed instead.
      }
    }
    if (this._fits(byteLength(zipped ?? item.body))) {
      // Stored first, leased, until its 2xx deletes it: if the collector fails after the page is gone,
      // the next page sends it once the lease lapses. Without storage it is still sent.
      const batch = this._batch(item, zipped);
      batch._id = this._keep(item, true, false, HIDE_LEASE_MS) || undefined;
      this._attempt(batch, true);
    }
    // Consent is asked just before the beacon, as before a request (`_request`); what it withholds goes to
    // the store, which refuses it too, and is counted lost.
    else if (!this._keepalive && allowed?.() !== false && sendBeacon(win, endpoint, item.body)) logger.debug(`sent ${item.spans} spans by beacon`);
    else this._keep(item, true);
  }

  /**
   * One request. Synchronous up to the `fetch` call when `urgent` (no asynchronous compression), which
   * the page-hide path needs: work scheduled for later may never run.
   */
  private _attempt(batch: Batch, urgent: boolean): void {
    this._active.add(batch);
    const done = this._request(batch, urgent)
      .catch((): SendResult => ({ status: 0 }))
      .then((result) => {
        this._inFlight.delete(done);
        batch._onWire = false;
        if (batch._kept) return;
        try {
          this._settle(batch, result);
        } catch (error) {
          this._parts.logger.debug('export bookkeeping failed', error);
        }
      });
    this._inFlight.add(done);
  }

  private async _request(batch: Batch, urgent: boolean): Promise<SendResult> {
    let body: string | Uint8Array = batch._zipped ?? batch.body;
    batch._zipped = undefined;
    // Only the page-hide path (`urgent`) zips synchronously; it needs no second try.
    if (!urgent && this._parts.options.compression === 'gzip') {
      body = (await gzip(this._parts.win, batch.body)) ?? body;
      if (batch._kept) return { status: 0 }; // Stored on page hide while compressing: not sent.
    }
    // The one consent check before the wire (after compression, which may have taken a while).
    if (this._parts.allowed?.() === false) return { status: WITHHELD };
    const gzipped = typeof body != 'string';
    // Encoded here, once: the keepalive budget needs the byte count, and fetch would encode a string again.
    if (typeof body == 'string') body = encoder.encode(body);
    const size = body.byteLength;
    // Bytes this request holds of the keepalive budget: all of it, or none (then it is not keepalive).
    const held = this._fits(size) ? size : 0;
    this._keepaliveBytes += held;
    batch._onWire = true;
    try {
      // A failed keepalive request normally goes again as a plain one (see transport.ts), but not a stored
      // batch once `pagehide` has fired: Chromium rejects a page's keepalive requests as it navigates away
      // while they go on without it, and sending again made a third copy beside the stored one (measured);
      // a stored batch that really was refused comes from storage.
      return await this._parts.transport(body, { keepalive: held > 0, gzip: gzipped, resend: () => !(this._leaving && batch._id) });
    } finally {
      this._keepaliveBytes -= held;
    }
  }

  private _settle(batch: Batch, { status, retryAfterMs }: SendResult): void {
    const { logger, options, drops } = this._parts;
    const retry = options.retry;
    if (status === WITHHELD) {
      this._finish(batch);
      drops.count(batch.spans, batch.reported);
      return;
    }
    if (status > 199 && status < 300) {
      if (batch._id) this._parts.store?.ack(batch._id);
      this._finish(batch);
      if (this._failing) {
        this._failing = false;
        this.replay();
      }
      return;
    }
    if (!isRetryable(status)) {
      logger.debug(`HTTP ${status}: ${batch.spans} spans refused, not retried`);
      if (batch._id) this._parts.store?.ack(batch._id);
      this._finish(batch);
      drops.count(batch.spans, batch.reported);
      return;
    }
    this._failing = true;
    // Stored batches waiting for room stay stored (leased) without waiting in memory too: a replay takes
    // them again when their lease lapses (`retryAt`), or the next page does.
    this._backlog = [];
    // Storage may take what waits for room now: the queue is told at once.
    this._roomMade();
    const delay = retry ? retryDelay(batch._attempt, retryAfterMs, retry) : 0;
    if (!retry || this._stopped || this._now() + delay - batch._since > retry.maxElapsedMs) {
      // The failure itself was reported once per status by the transport (report-failures.ts).
      logger.debug(`giving up on ${batch.spans} spans after ${batch._attempt + 1} attempt(s)`);
      this._finish(batch);
      // No answer at all may be the page going away: Firefox rejects a page's requests as it unloads,
      // sometimes before `pagehide`, and an IndexedDB write begun then may never commit. Stored
      // synchronously (localStorage) in that case, as on page hide.
      this._keep(batch, status === 0);
      return;
    }
    logger.debug(`retrying ${batch.spans} spans in ${delay} ms`);
    batch._attempt++;
    batch._timer = setTimeout(() => this._attempt(batch, false), delay);
  }

  private _finish(batch: Batch): void {
    this._active.delete(batch);
    this._pump();
    this._roomMade();
  }

  /** Resolves the promises `room()` handed out: the queue looks again (and waits again if it must). */
  private _roomMade(): void {
    const waiting = this._onRoom;
    this._onRoom = [];
    for (const resolve of waiting) resolve();
  }

  /**
   * Stores a batch for the next page load (synchronously when `now`: page hide); what cannot be stored
   * is counted dropped, unless `drop` is false (the caller has another way to send it).
   */
  private _keep(item: Outgoing & { _id?: string }, now: boolean, drop = true, leaseMs?: number): string | false | undefined {
    // Still stored (leased) from an earlier page or an earlier hide: storing it again would send it twice.
    if (item._id) return item._id;
    const { endpoint, store, logger, drops } = this._parts;
    const { body, spans, reported } = item;
    const stored = store?.put({ endpoint, body, spans, reported, bytes: byteLength(body), createdAt: this._now() }, now, leaseMs);
    if (stored) logger.debug(`stored ${spans} spans for the next page load`);
    else if (drop) drops.count(spans, reported);
    return stored;
  }
}
