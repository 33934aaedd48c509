import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { SpanLimits } from '../trace/types';
import type { AttributeLimits } from '../config/types';
import type { SpanData } from '../export/span-data';

// The option's type and default live in the config module; re-exported for this module's readers.
export type { AttributeLimits } from '../config/types';
export { DEFAULT_ATTRIBUTE_LIMITS } from '../config/defaults';

/**
 * The same limits for the SDK's own spans, so a live span never grows past them in memory.
 * (The export pipeline applies them again, after `beforeSend` may have added to a span.)
 */
export function toSpanLimits(limits: AttributeLimits): Required<SpanLimits> {
  return {
    attributeCountLimit: limits.count,
    attributeValueLengthLimit: limits.valueLength,
    eventCountLimit: limits.events,
    attributePerEventCountLimit: limits.count,
    // Links are set only by user code (the SDK's own spans have none): the specification's default.
    linkCountLimit: 128,
    attributePerLinkCountLimit: limits.count,
  };
}

const truncate = (text: string, length: number): string => (text.length > length ? text.slice(0, length) : text);

function limitValue(value: AttributeValue | undefined, length: number): AttributeValue | undefined {
  if (typeof value === 'string') return truncate(value, length);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? truncate(item, length) : item)) as AttributeValue;
  return value;
}

/** Keeps the first `count` attributes, truncating strings; returns how many were dropped. */
function limitAttributes(attributes: Attributes, limits: AttributeLimits): number {
  let kept = 0;
  let dropped = 0;
  for (const key of Object.keys(attributes)) {
    if (kept >= limits.count) {
      delete attributes[key];
      dropped++;
    } else {
      attributes[key] = limitValue(attributes[key], limits.valueLength);
      kept++;
    }
  }
  return dropped;
}

/**
 * Bounds a span's size: attribute count and string length on the span and its events, event count,
 * name and status message length. Returns what was dropped, for the OTLP dropped counts.
 */
export function limitSpanData(data: SpanData, limits: AttributeLimits): { attributes: number; events: number } {
  data.name = truncate(data.name, limits.valueLength);
  if (data.status.message) data.status.message = truncate(data.status.message, limits.valueLength);
  const attributes = limitAttributes(data.attributes, limits);
  const events = Math.max(0, data.events.length - limits.events);
  // Like the OpenTelemetry SDK, keep the newest events: the last ones usually explain how a span ended.
  if (events) data.events.splice(0, events);
  for (const event of data.events) {
    event.name = truncate(event.name, limits.valueLength);
    limitAttributes(event.attributes, limits);
  }
  return { attributes, events };
}
