import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { Logger } from '../lib/logger';
import { isArray, ownKeys } from '../lib/natives';
import type { SpanData, SpanEventData } from '../export/span-data';

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
  if (!isArray(value)) return false;
  // OTLP arrays are homogeneous; null entries are allowed by the API and skipped by the encoder.
  let first: string | undefined;
  for (let i = 0; i < value.length; i++) {
    if (value[i] == null) continue;
    const t = typeof value[i];
    if ((first ??= t) !== t || (t !== 'string' && t !== 'number' && t !== 'boolean')) return false;
  }
  return true;
}

/** Keeps only values the exporter can encode: a hook may put anything in there. */
function cleanAttributes(attributes: unknown): Attributes {
  const clean: Attributes = {};
  if (typeof attributes !== 'object' || attributes === null) return clean;
  const keys = ownKeys(attributes);
  for (let i = 0; i < keys.length; i++) {
    const value = (attributes as Record<string, unknown>)[keys[i]];
    if (keys[i] && isAttributeValue(value)) clean[keys[i]] = value;
  }
  return clean;
}

function cleanEvents(events: unknown, fallback: SpanEventData[]): SpanEventData[] {
  if (!isArray(events)) return fallback;
  const out: SpanEventData[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as SpanEventData;
    if (typeof event !== 'object' || event === null || typeof event.name !== 'string') continue;
    const attributes = cleanAttributes(event.attributes);
    const time = Number.isFinite(event.time) ? event.time : Date.now();
    try {
      // Cleaned in place where it can be: the event object's identity carries its exact original time.
      event.attributes = attributes;
      event.time = time;
      out[out.length] = event;
    } catch {
      // A frozen event (or a proxy that refuses writes): a copy, exact to the microsecond.
      out[out.length] = { name: event.name, time, attributes };
    }
  }
  return out;
}

/**
 * What {@link createBeforeSend}'s wrapper returns: the span to export; `null` when the hook dropped it
 * on purpose; `undefined` when the hook failed (threw, returned a promise, or a result that could not be
 * read): the span is lost, and counted as dropped.
 */
export type BeforeSendOutcome = SpanData | null | undefined;

/**
 * Wraps the user's hook so that it can never break the export: the result is checked and copied into a
 * fresh object (so a frozen object, a proxy or a shared object returned by the hook works or fails alone),
 * and a failing hook drops the span and is reported once.
 */
export function createBeforeSend(hook: BeforeSend, logger: Logger): (data: SpanData) => BeforeSendOutcome {
  return (data) => {
    const original = { name: data.name, events: data.events, status: data.status };
    let result: ReturnType<BeforeSend>;
    try {
      result = hook(data);
    } catch (error) {
      logger.debugOnce('before-send-threw', 'beforeSend threw; spans it throws on are dropped.', error);
      return undefined;
    }
    if (result === null || result === false) return null;
    try {
      if (result && typeof (result as unknown as PromiseLike<unknown>).then === 'function') {
        logger.debugOnce('before-send-async', 'beforeSend returned a promise; it must be synchronous. Spans are dropped.');
        return undefined;
      }
      const source = typeof result === 'object' && result !== null ? result : data;
      const name = source.name;
      const status = source.status as unknown;
      const code = typeof status === 'object' && status !== null ? (status as SpanData['status']).code : undefined;
      const message = typeof code === 'number' ? (status as SpanData['status']).message : undefined;
      return {
        ...data,
        name: typeof name === 'string' ? name : original.name,
        attributes: cleanAttributes(source.attributes),
        events: cleanEvents(source.events, original.events),
        status: typeof code !== 'number' ? original.status : typeof message === 'string' ? { code, message } : { code },
      };
    } catch (error) {
      logger.debugOnce('before-send-result', 'beforeSend returned a value that could not be read; such spans are dropped.', error);
      return undefined;
    }
  };
}
