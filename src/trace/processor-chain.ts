import type { Context } from '@opentelemetry/api';
import type { Logger } from '../lib/logger';
import type { ReadableSpan, Span, SpanProcessor } from './types';

/**
 * Hands each span to every processor, in order. Every call is guarded: a processor that throws (the
 * SDK's own or the user's) is reported once and skipped for that span; the page's `startSpan()` and
 * `end()` never see the error, and the processors after it still run.
 */
export class ProcessorChain implements SpanProcessor {
  private readonly _reported = new WeakSet<SpanProcessor>();

  constructor(
    private readonly _processors: SpanProcessor[],
    private readonly _logger: Pick<Logger, 'warn'>,
  ) {}

  onStart(span: Span, parentContext: Context): void {
    this._each('onStart', span, parentContext);
  }

  onEnding(span: Span): void {
    this._each('onEnding', span);
  }

  onEnd(span: ReadableSpan): void {
    // Only onEnd reads the span as a ReadableSpan: the chain hands on what it was given.
    this._each('onEnd', span as Span);
  }

  /** Every processor's `forceFlush`, each as a promise that a synchronous throw also rejects. */
  forceFlushEach(): Promise<void>[] {
    return this._processors.map((processor) => settle(() => processor.forceFlush()));
  }

  shutdownEach(): Promise<void>[] {
    return this._processors.map((processor) => settle(() => processor.shutdown()));
  }

  // The provider flushes and shuts down through the *Each methods, to apply its timeout per processor.
  forceFlush(): Promise<void> {
    return Promise.all(this.forceFlushEach()).then(() => undefined);
  }

  shutdown(): Promise<void> {
    return Promise.all(this.shutdownEach()).then(() => undefined);
  }

  /**
   * Calls `method` on every processor (`onEnding` only where there is one), each in its own try: an indexed
   * loop with the try inline, not a guard() closure per processor, as this runs three times for every span.
   * One that throws is reported once per processor.
   */
  private _each(method: 'onStart' | 'onEnding' | 'onEnd', span: Span, parentContext?: Context): void {
    const processors = this._processors;
    for (let i = 0; i < processors.length; i++) {
      const processor = processors[i];
      try {
        if (method === 'onStart') processor.onStart(span, parentContext!);
        else if (method === 'onEnd') processor.onEnd(span);
        else processor.onEnding?.(span);
      } catch (error) {
        if (this._reported.has(processor)) continue;
        this._reported.add(processor);
        this._logger.warn(`a span processor's ${method} threw; the span goes on to the other processors (reported once per processor).`, error);
      }
    }
  }
}

function settle(work: () => Promise<void> | void): Promise<void> {
  return new Promise<void>((resolve) => resolve(work())).then(() => undefined);
}
