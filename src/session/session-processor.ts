import type { Context } from '@opentelemetry/api';
import type { Span } from '../trace/types';
import { SpanProcessorBase } from '../lib/span-processor-base';

// Incubating semantic-convention name, kept local so the build never pulls in `/incubating`.
export const ATTR_SESSION_ID = 'session.id';

/** Puts the current `session.id` on every span as it starts. */
export class SessionProcessor extends SpanProcessorBase {
  constructor(private readonly _sessionId: () => string) {
    super();
  }

  override onStart(span: Span, _context: Context): void {
    span.setAttribute(ATTR_SESSION_ID, this._sessionId());
  }
}
