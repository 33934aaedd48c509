import type { Context } from '@opentelemetry/api';
import { guard } from '../lib/guard';
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
    for (const processor of this._processors) guard(() => processor.onStart(span, parentContext), this._report(processor, 'onStart'))();
  }

  onEnding(span: Span): void {
    for (const processor of this._processors) if (processor.onEnding) guard(() => processor.onEnding!(span), this._report(processor, 'onEnding'))();
  }

  onEnd(span: ReadableSpan): void {
    for (const processor of this._processors) guard(() => processor.onEnd(span), this._report(processor, 'onEnd'))();
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

  /** What to do when `processor`'s `method` throws: warn, once per processor. */
  private _report(processor: SpanProcessor, method: string): (error: unknown) => void {
    return (error) => {
      if (this._reported.has(processor)) return;
      this._reported.add(processor);
      this._logger.warn(`a span processor's ${method} threw; the span goes on to the other processors (reported once per processor).`, error);
    };
  }
}

function settle(work: () => Promise<void> | void): Promise<void> {
  return new Promise<void>((resolve) => resolve(work())).then(() => undefined);
}
