/**
 * Set on the first span of a batch: how many spans were lost since the previous report (a failing
 * `beforeSend` or cleaning step, the consent buffer or the queue full, refused by the collector, or
 * neither sendable nor storable).
 */
export const DROPPED_SPANS_ATTRIBUTE = 'otel_browser.dropped_spans';

/**
 * The one count of lost spans. Every stage of the export path (the privacy processors, the queue,
 * delivery, the store) counts here what it loses for good; the queue reports what is not reported yet
 * as {@link DROPPED_SPANS_ATTRIBUTE} on the next batch. Spans left out on purpose (`beforeSend` said
 * no, consent denied, not sampled) are not lost and not counted.
 */
export class DropCounter {
  /** Spans lost since the SDK started. */
  total = 0;
  /** Spans lost since the last report: the queue puts them on the next batch it encodes, then sets this to 0. */
  unreported = 0;

  /**
   * `reported`: losses that a lost batch was reporting on its first span; lost with it, so they are
   * reported again on a later batch (not lost twice: the total leaves them out).
   */
  count(spans: number, reported = 0): void {
    this.total += spans;
    this.unreported += spans + reported;
  }
}
