import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '../trace/types';
import type { Consent } from './consent';
import type { Logger } from '../lib/logger';
import type { UrlRedactor } from './redact';
import type { ResolvedPrivacy } from '../config/types';
import type { DropCounter } from '../export/drops';
import { createBeforeSend, type BeforeSendOutcome } from './before-send';
import { ConsentGate } from './consent-gate';
import { limitSpanData, type AttributeLimits } from './limits';
import { redactSpanData } from './redaction';
import { toReadableSpan, toSpanData, type SpanData } from '../export/span-data';

export interface SanitizeOptions {
  redactor: UrlRedactor;
  beforeSend?: (data: SpanData) => BeforeSendOutcome;
  limits: AttributeLimits;
  /** Counts spans lost on the way (a failing hook or cleaning step, a failing next processor): reported in `otel_browser.dropped_spans`. */
  drops?: Pick<DropCounter, 'count'>;
}

/**
 * Hands the next processor (the exporter) a cleaned copy of each ended span: URLs redacted, the
 * user's `beforeSend` applied, sizes bounded, in that order. Spans that fail any step are dropped,
 * never sent half-cleaned.
 */
export class SanitizeProcessor implements SpanProcessor {
  constructor(
    private readonly _next: SpanProcessor,
    private readonly _options: SanitizeOptions,
    private readonly _logger: Logger,
  ) {}

  onStart(span: Span, context: Context): void {
    try {
      this._next.onStart(span, context);
    } catch (error) {
      this._logger.debugOnce('processor-start-failed', 'a span processor failed on span start', error);
    }
  }

  onEnd(span: ReadableSpan): void {
    // The export path's one look at the sampling decision (made at span start): a recorded but unsampled
    // span (a sampler's RECORD) is never exported, so it is not cleaned nor shown to beforeSend.
    if (!(span.spanContext().traceFlags & 1)) return;
    let clean: ReadableSpan;
    try {
      let data: BeforeSendOutcome = toSpanData(span);
      redactSpanData(data, this._options.redactor);
      if (this._options.beforeSend) data = this._options.beforeSend(data);
      if (!data) {
        // null: the hook dropped it on purpose. undefined: the hook failed, and the span is lost.
        if (data === undefined) this._options.drops?.count(1);
        return;
      }
      clean = toReadableSpan(span, data, limitSpanData(data, this._options.limits));
    } catch (error) {
      this._options.drops?.count(1);
      this._logger.debugOnce('sanitize-failed', 'a span could not be cleaned for export and was dropped', error);
      return;
    }
    try {
      this._next.onEnd(clean);
    } catch (error) {
      // Never into the page's span.end(): the span is counted lost instead.
      this._options.drops?.count(1);
      this._logger.debugOnce('processor-end-failed', 'a span processor failed on span end', error);
    }
  }

  forceFlush(): Promise<void> {
    return this._next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this._next.shutdown();
  }
}

/**
 * Everything between the provider and the export processor that protects the user: cleaning, then
 * the consent gate. Returns the processor to give the provider in place of `exporter`. What they lose
 * is counted in `drops`, the export path's one count.
 */
export function createPrivacyPipeline(
  exporter: SpanProcessor,
  options: { privacy: ResolvedPrivacy; redactor: UrlRedactor; consent: Consent; logger: Logger; drops: Pick<DropCounter, 'count'> },
): SpanProcessor {
  const { privacy, redactor, consent, logger, drops } = options;
  const gate = new ConsentGate(exporter, consent, logger, undefined, drops);
  return new SanitizeProcessor(
    gate,
    { redactor, limits: privacy.attributeLimits, beforeSend: privacy.beforeSend && createBeforeSend(privacy.beforeSend, logger), drops },
    logger,
  );
}
