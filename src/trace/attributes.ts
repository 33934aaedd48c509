import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { isArray, ownKeys } from '../lib/natives';

// The specification's attribute rules: a value is a string, number or boolean, or an array of one of
// those types (null/undefined members allowed); keys are non-empty strings. Invalid ones are dropped
// (not counted: they were never valid attributes); valid ones past the count limit are dropped and counted.

const PRIMITIVES = ['string', 'number', 'boolean'];

export function isAttributeValue(value: unknown): value is AttributeValue {
  if (value == null) return false;
  if (!isArray(value)) return PRIMITIVES.includes(typeof value);
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
  if (isArray(value)) return value.map((item) => (typeof item === 'string' ? truncate(item, limit) : item)) as AttributeValue;
  return value;
}

export interface AttributeLimit {
  count: number;
  length: number;
}

/** What setting one attribute did: kept as a new key, kept over an existing key, ignored (invalid), or dropped for the count limit. */
export const SetResult = { Added: 0, Replaced: 1, Invalid: 2, Dropped: 3 } as const;
export type SetResult = (typeof SetResult)[keyof typeof SetResult];

/**
 * Sets `key` on `target` within the limits; `count` is how many keys `target` holds (the caller keeps
 * it, so a span with many attributes does not count its keys on every set). An existing key may always
 * be overwritten.
 */
export function setAttribute(target: Attributes, count: number, key: unknown, value: unknown, limit: AttributeLimit): SetResult {
  if (typeof key !== 'string' || !key || !isAttributeValue(value)) return SetResult.Invalid;
  const replaced = Object.prototype.hasOwnProperty.call(target, key);
  if (!replaced && count >= limit.count) return SetResult.Dropped;
  target[key] = limitValue(value, limit.length);
  return replaced ? SetResult.Replaced : SetResult.Added;
}

/** A new attribute map within the limits, and how many were dropped, e.g. for an event or a link. */
export function limitedAttributes(source: Attributes | undefined, limit: AttributeLimit): { attributes: Attributes; dropped: number } {
  const attributes: Attributes = {};
  let count = 0;
  let dropped = 0;
  if (source && typeof source === 'object')
    for (const key of ownKeys(source)) {
      const result = setAttribute(attributes, count, key, source[key], limit);
      if (result === SetResult.Added) count++;
      else if (result === SetResult.Dropped) dropped++;
    }
  return { attributes, dropped };
}
