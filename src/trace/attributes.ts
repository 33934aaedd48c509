import type { Attributes, AttributeValue } from '@opentelemetry/api';

// The specification's attribute rules: a value is a string, number or boolean, or an array of one of
// those types (null/undefined members allowed); keys are non-empty strings. Invalid ones are dropped
// (not counted: they were never valid attributes); valid ones past the count limit are dropped and counted.

const PRIMITIVES = ['string', 'number', 'boolean'];

export function isAttributeValue(value: unknown): value is AttributeValue {
  if (value == null) return false;
  if (!Array.isArray(value)) return PRIMITIVES.includes(typeof value);
  let type: string | undefined;
  for (const item of value) {
    if (item == null) continue;
    const itemType = typeof item;
    if (!PRIMITIVES.includes(itemType) || (type && itemType !== type)) return false;
    type = itemType;
  }
  return true;
}

const truncate = (text: string, limit: number): string => (text.length > limit ? text.slice(0, limit) : text);

/** Strings (and strings in arrays) cut to `limit` characters; arrays are copied, so later changes by the caller do not reach the span. */
export function limitValue(value: AttributeValue, limit: number): AttributeValue {
  if (typeof value === 'string') return truncate(value, limit);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? truncate(item, limit) : item)) as AttributeValue;
  return value;
}

export interface AttributeLimit {
  count: number;
  length: number;
}

/**
 * Sets `key` on `target` within the limits. Returns false when a valid attribute was dropped for the
 * count limit (the caller counts it); an existing key may always be overwritten.
 */
export function setAttribute(target: Attributes, key: unknown, value: unknown, limit: AttributeLimit): boolean {
  if (typeof key !== 'string' || !key || !isAttributeValue(value)) return true;
  if (!(key in target) && Object.keys(target).length >= limit.count) return false;
  target[key] = limitValue(value, limit.length);
  return true;
}

/** A new attribute map within the limits, and how many were dropped, e.g. for an event or a link. */
export function limitedAttributes(source: Attributes | undefined, limit: AttributeLimit): { attributes: Attributes; dropped: number } {
  const attributes: Attributes = {};
  let dropped = 0;
  if (source && typeof source === 'object') for (const key of Object.keys(source)) if (!setAttribute(attributes, key, source[key], limit)) dropped++;
  return { attributes, dropped };
}
