import type { Consent } from '../privacy/consent';
import { afterLoadWhenIdle } from '../lib/idle';
import { guard } from '../lib/guard';
import { onHidden, onPageShow, type HideReason } from '../lib/lifecycle';
import type { Logger } from '../lib/logger';
import { OpenSpansProcessor } from './open-spans';
import { BatchProcessor } from './batch-processor';
import { Delivery } from './delivery';
import { DropCounter } from './drops';
import type { ResolvedExportOptions } from '../config/types';
import { clearStoredBatches, createBatchStore, type BatchStore } from './store';
import { reportExportFailures } from './report-failures';
import { captureBeacon, createFetchTransport, unwrappedFetch } from './transport';
import type { SpanProcessor } from '../trace/types';

export interface PipelineParts {
  win: Window & typeof globalThis;
  endpoint: string;
  headers: Record<string, string>;
  options: ResolvedExportOptions;
  consent: Consent;
  logger: Logger;
  /** Runs first on page hide, before open request spans end and the queue is sent (ends interaction spans). */
  beforeHide?: () => void;
}

export interface ExportPipeline {
  /** Goes first among the span processors: tracks open request spans. */
  openSpans: OpenSpansProcessor;
  /** Goes last: hands ended spans to the export queue. */
  processor: SpanProcessor;
  /** The export queue and its delivery, built on first use (see {@link createExportPipeline}). */
  parts(): ExportParts;
  /** The one count of lost spans: the privacy processors in front of the queue count theirs here too. */
  drops: DropCounter;
  /** Removes the page lifecycle listeners and stops retrying (what still waits is stored). Call after the final flush. */
  stop(): void;
}

export interface ExportParts {
  queue: BatchProcessor;
  delivery: Delivery;
}

/**
 * Assembles the export path, built back to front so that each stage is handed the next and only ever
 * calls it: queue -> delivery -> transport (a `fetch` captured before any instrumentation wraps it, so
 * exports are never traced), with the store beside delivery and one count of lost spans shared by all.
 * And the page lifecycle: on hide, open request spans end and the queue goes out at once; stored
 * batches from earlier pages are sent once the page is idle. Must be called before the instrumentations start.
 *
 * Only the page's built-ins are captured here, in `init()`; the queue, delivery, store and transport
 * are built when first needed (the first span to end, page hide, a consent change, the idle replay), so
 * `init()` does not pay for compiling them before the page's first request.
 */
export function createExportPipeline({ win, endpoint, headers, options, consent, logger, beforeHide }: PipelineParts): ExportPipeline {
  const drops = new DropCounter();
  const openSpans = new OpenSpansProcessor();
  const fetchImpl = unwrappedFetch(win);
  captureBeacon(win);
  let built: (ExportParts & { store?: BatchStore }) | undefined;
  const parts = (): ExportParts & { store?: BatchStore } => {
    if (built) return built;
    const transport = reportExportFailures(createFetchTransport(endpoint, headers, fetchImpl), logger, endpoint, win.location.origin);
    const store = options.persist ? createBatchStore({ win, endpoint, options: options.persist, consent, logger, drops }) : undefined;
    const delivery = new Delivery({ win, endpoint, transport, store, options, logger, drops, allowed: consent.isGranted });
    // A flush while the page is hidden (web vitals reported at hide) takes the page-hide path: synchronous
    // gzip, the keepalive budget, and "collector failing -> store".
    const queue = new BatchProcessor(delivery, drops, logger, { ...options, hidden: () => win.document?.visibilityState === 'hidden' });
    return (built = { queue, delivery, store });
  };
  const processor: SpanProcessor = {
    onStart() {},
    onEnd: (span) => parts().queue.onEnd(span),
    // Nothing ended yet: nothing to flush.
    forceFlush: () => (built ? built.queue.forceFlush() : Promise.resolve()),
    shutdown: () => (built ? built.queue.shutdown() : Promise.resolve()),
  };

  const hide = (reason: HideReason) => {
    try {
      let ended = 0;
      const sent = parts().queue.hide(reason === 'pagehide', () => {
        beforeHide?.();
        ended = openSpans.endOpen(reason);
      });
      if (ended || sent) logger.debug(`${reason}: ended ${ended} open spans, sending ${sent} batch(es)`);
    } catch (error) {
      logger.debug('page-hide flush failed', error);
    }
  };
  // Runs from the browser (idle callback, pageshow): building the parts on first use must not throw
  // there. The store's takeAll() is asynchronous, and its failures are caught where it is awaited.
  const replay = guard(
    () => parts().delivery.replay(),
    (error) => logger.debug('replay failed', error),
  );
  const stops = [
    onHidden(win, hide),
    // Back from the back/forward cache: the page lives on, and storage may hold what was kept on hide.
    onPageShow(win, (persisted) => {
      built?.delivery.shown();
      if (persisted) replay();
    }),
    // Earlier pages of this origin may have left batches behind: sent once the page has loaded and is
    // idle, so reading storage and sending them compete with neither init() nor the page's own loading.
    // Without consent the store stays closed.
    afterLoadWhenIdle(win, replay),
  ];
  // Granted: send what earlier pages kept. Otherwise nothing more leaves: the queue is dropped (and
  // counted); delivery checks consent before each request. Denied (each time it is said): every stored
  // batch, of every endpoint, is deleted unsent.
  const unsubscribe = consent.subscribe((state) => {
    if (state === 'granted') return replay();
    built?.queue.clear();
    if (state === 'denied') void (built?.store ? built.store.clearAll() : clearStoredBatches(win));
  });

  return {
    openSpans,
    processor,
    parts,
    drops,
    stop() {
      for (const stop of stops) stop();
      unsubscribe();
      built?.delivery.stop();
    },
  };
}
