import type { Attributes, Context } from '@opentelemetry/api';
import type { Span } from './types';
import { SpanProcessorBase } from '../lib/span-processor-base';

/**
 * Adds the configured global attributes (and whatever `setAttributes()` adds later) to every span
 * as it starts, so instrumentations and user spans can still override them.
 */
export class GlobalAttributesProcessor extends SpanProcessorBase {
  private _attributes: Attributes;

  constructor(initial: Attributes) {
    super();
    this._attributes = { ...initial };
  }

  /** Merges into the global attributes; `undefined` removes a key. Applies to spans started from now on. */
  setAttributes(attributes: Attributes): void {
    const next = { ...this._attributes, ...attributes };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    this._attributes = next;
  }

  override onStart(span: Span, _context: Context): void {
    span.setAttributes(this._attributes);
  }
}
