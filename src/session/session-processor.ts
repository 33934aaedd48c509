import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '../trace/types';

// Incubating semantic-convention name, kept local so the build never pulls in `/incubating`.
export const ATTR_SESSION_ID = 'session.id';

/** Puts the current `session.id` on every span as it starts. */
export class SessionProcessor implements SpanProcessor {
  constructor(private readonly _sessionId: () => string) {}

  onStart(span: Span, _context: Context): void {
    span.setAttribute(ATTR_SESSION_ID, this._sessionId());
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
