import type { ReadableSpan } from '../trace/types';
import type { Consent } from '../privacy/consent';
import { afterLoadWhenIdle } from '../lib/idle';
import { onHidden, onPageShow } from '../lib/lifecycle';
import type { Logger } from '../lib/logger';
import { OpenSpansProcessor } from './open-spans';
import { BatchProcessor } from './batch-processor';
import { Delivery } from './delivery';
import type { ResolvedExportOptions } from '../config/types';
import { clearStoredBatches, createBatchStore } from './store';
import { reportExportFailures } from './report-failures';
import { createFetchTransport, unwrappedFetch } from './transport';

export interface PipelineParts {
  win: Window & typeof globalThis;
  endpoint: string;
  headers: Record<string, string>;
  options: ResolvedExportOptions;
  consent: Consent;
  logger: Logger;
  /** Spans for which this returns false are not exported. */
  accept?: (span: ReadableSpan) => boolean;
  /** Runs first on page hide, before open request spans end and the queue is sent (ends interaction spans). */
  beforeHide?: () => void;
}

export interface ExportPipeline {
  /** Goes first among the span processors: tracks open request spans. */
  openSpans: OpenSpansProcessor;
  /** Goes last: queues ended spans for export. */
  processor: BatchProcessor;
  delivery: Delivery;
  /** Removes the page lifecycle listeners and stops retrying (what still waits is stored). Call after the final flush. */
  stop(): void;
}

/**
 * Assembles delivery: transport (a `fetch` captured before any instrumentation wraps it, so exports are
 * never traced), store, retrying delivery, the bounded queue, and the page lifecycle: on hide, open
 * request spans end and the queue goes out at once; stored batches from earlier pages are sent on start.
 * Must be called before the instrumentations start.
 */
export function createExportPipeline({ win, endpoint, headers, options, consent, logger, accept, beforeHide }: PipelineParts): ExportPipeline {
  const transport = reportExportFailures(createFetchTransport(endpoint, headers, unwrappedFetch(win)), logger, endpoint, win.location.origin);
  let processor: BatchProcessor | undefined;
  const onLost = (spans: number) => processor?._countDropped(spans);
  const store = options.persist ? createBatchStore({ win, endpoint, options: options.persist, consent, logger, onLost }) : undefined;
  const delivery = new Delivery({
    win,
    endpoint,
    transport,
    store,
    options,
    logger,
    onDropped: onLost,
    // Room for another request: full batches go now; a partial one only once its delay is up.
    onIdle: () => processor?._pump(false),
    allowed: consent.isGranted,
  });
  // A flush while the page is hidden (web vitals reported at hide) takes the page-hide path: synchronous
  // gzip, the keepalive budget, and "collector failing -> store".
  processor = new BatchProcessor(delivery, logger, { ...options, accept, hidden: () => win.document?.visibilityState === 'hidden' });
  const openSpans = new OpenSpansProcessor();

  const hide = (reason: 'visibilitychange' | 'pagehide') => {
    try {
      let ended = 0;
      const batches = processor._drain(() => {
        beforeHide?.();
        ended = openSpans.endOpen(reason);
      });
      if (ended || batches.length) logger.debug(`${reason}: ended ${ended} open spans, sending ${batches.length} batch(es)`);
      delivery.hide(batches, reason === 'pagehide');
    } catch (error) {
      logger.debug('page-hide flush failed', error);
    }
  };
  // Never throws: the store's takeAll() is asynchronous, and its failures are caught where it is awaited.
  const replay = () => delivery._replayStored();
  const stops = [
    onHidden(win, hide),
    // Back from the back/forward cache: the page lives on, and storage may hold what was kept on hide.
    onPageShow(win, (persisted) => persisted && replay()),
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
    processor._dropQueued();
    if (state === 'denied') void (store ? store.clearAll() : clearStoredBatches(win));
  });

  return {
    openSpans,
    processor,
    delivery,
    stop() {
      for (const stop of stops) stop();
      unsubscribe();
      delivery._shutdown();
    },
  };
}
