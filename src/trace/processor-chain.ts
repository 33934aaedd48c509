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

  // Indexed loops with the try inline, not a guard() per processor: these run three times for every span,
  // and a closure per processor per pass was a measurable part of each request's cost.
  onStart(span: Span, parentContext: Context): void {
    const processors = this._processors;
    for (let i = 0; i < processors.length; i++) {
      try {
        processors[i].onStart(span, parentContext);
      } catch (error) {
        this._report(processors[i], 'onStart', error);
      }
    }
  }

  onEnding(span: Span): void {
    const processors = this._processors;
    for (let i = 0; i < processors.length; i++) {
      try {
        processors[i].onEnding?.(span);
      } catch (error) {
        this._report(processors[i], 'onEnding', error);
      }
    }
  }

  onEnd(span: ReadableSpan): void {
    const processors = this._processors;
    for (let i = 0; i < processors.length; i++) {
      try {
        processors[i].onEnd(span);
      } catch (error) {
        this._report(processors[i], 'onEnd', error);
      }
    }
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

  /** `processor`'s `method` threw: warn, once per processor. Must not throw itself. */
  private _report(processor: SpanProcessor, method: string, error: unknown): void {
    try {
      if (this._reported.has(processor)) return;
      this._reported.add(processor);
      this._logger.warn(`a span processor's ${method} threw; the span goes on to the other processors (reported once per processor).`, error);
    } catch {
      // A logger that throws must not reach the page's startSpan() or end() either.
    }
  }
}

function settle(work: () => Promise<void> | void): Promise<void> {
  return new Promise<void>((resolve) => resolve(work())).then(() => undefined);
}
