import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { Logger } from '../lib/logger';
import type { SpanData, SpanEventData } from './span-data';

/**
 * Called with each finished span before it is queued for export. Change `span.name`,
 * `span.attributes`, `span.events` or `span.status` in place (or return a changed copy) to alter what
 * is sent; return `null` or `false` to drop the span. Must be synchronous. If it throws, the span is
 * dropped (what it was meant to scrub might still be in it) and the error is logged once in debug mode.
 */
export type BeforeSend = (span: SpanData) => SpanData | null | false | undefined | void;

function isAttributeValue(value: unknown): value is AttributeValue {
  if (value === null || value === undefined) return false;
  const type = typeof value;
  if (type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(value))) return true;
  if (!Array.isArray(value)) return false;
  // OTLP arrays are homogeneous; null entries are allowed by the API and skipped by the encoder.
  const types = new Set(value.filter((item) => item != null).map((item) => typeof item));
  return types.size <= 1 && [...types].every((t) => t === 'string' || t === 'number' || t === 'boolean');
}

/** Keeps only values the exporter can encode: a hook may put anything in there. */
function cleanAttributes(attributes: unknown): Attributes {
  const clean: Attributes = {};
  if (typeof attributes !== 'object' || attributes === null) return clean;
  for (const [key, value] of Object.entries(attributes)) if (key && isAttributeValue(value)) clean[key] = value;
  return clean;
}

function cleanEvents(events: unknown, fallback: SpanEventData[]): SpanEventData[] {
  if (!Array.isArray(events)) return fallback;
  return events
    .filter((event): event is SpanEventData => typeof event === 'object' && event !== null && typeof event.name === 'string')
    .map((event) => {
      // Cleaned in place: the event object's identity carries its exact original time.
      event.attributes = cleanAttributes(event.attributes);
      if (!Number.isFinite(event.time)) event.time = Date.now();
      return event;
    });
}

/**
 * Wraps the user's hook so that it can never break the export: the result is checked and cleaned,
 * and a throwing (or asynchronous) hook drops the span and is reported once.
 * @returns a function giving the span to export, or `null` to drop it
 */
export function createBeforeSend(hook: BeforeSend, logger: Logger): (data: SpanData) => SpanData | null {
  return (data) => {
    const original = { name: data.name, events: data.events, status: data.status };
    let result: ReturnType<BeforeSend>;
    try {
      result = hook(data);
    } catch (error) {
      logger.debugOnce('before-send-threw', 'beforeSend threw; spans it throws on are dropped.', error);
      return null;
    }
    if (result === null || result === false) return null;
    if (result && typeof (result as unknown as PromiseLike<unknown>).then === 'function') {
      logger.debugOnce('before-send-async', 'beforeSend returned a promise; it must be synchronous. Spans are dropped.');
      return null;
    }
    const out = typeof result === 'object' && result !== null ? result : data;
    out.name = typeof out.name === 'string' ? out.name : original.name;
    out.attributes = cleanAttributes(out.attributes);
    out.events = cleanEvents(out.events, original.events);
    const status = out.status as unknown;
    out.status = typeof status === 'object' && status !== null && typeof (status as SpanData['status']).code === 'number' ? out.status : original.status;
    if (out.status.message !== undefined && typeof out.status.message !== 'string') out.status = { code: out.status.code };
    return out;
  };
}
