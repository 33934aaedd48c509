import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '../trace/types';

/**
 * A span processor that does nothing: the SDK's own processors extend it and write only the methods
 * they need (most act on span start alone, and hold nothing to flush).
 */
export class SpanProcessorBase implements SpanProcessor {
  onStart(_span: Span, _context: Context): void {}

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
