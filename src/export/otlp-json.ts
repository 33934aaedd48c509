import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '../trace/types';
import { toJson } from '../lib/json';
import { ownKeys, stringify } from '../lib/natives';
import { DROPPED_SPANS_ATTRIBUTE } from './drops';

// OTLP/JSON encoding of spans, written for the browser: no protobuf runtime, no BigInt, one pass.
// https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding
// Empty lists and unset messages are left out, as the protobuf JSON mapping allows (a receiver reads
// them as empty): every byte saved is one less per span on the wire, and fewer export requests.
// Sealed from page code: own properties only, loops by index, and our own JSON writer (lib/json.ts), so
// polluted prototypes or replaced Array methods (`push` included: items are added by index) neither add
// keys nor break the payload.

type AnyValue = { stringValue: string } | { boolValue: boolean } | { intValue: number } | { doubleValue: number } | { arrayValue: { values: AnyValue[] } };

function toAnyValue(value: AttributeValue): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  const values: AnyValue[] = [];
  for (let i = 0; i < (value as unknown[]).length; i++) {
    const item = (value as unknown[])[i];
    if (item != null) values[values.length] = toAnyValue(item as AttributeValue);
  }
  return { arrayValue: { values } };
}

/** Each item of `list` through `encode`; undefined when there are none (and so left out of the JSON). */
function each<T, U>(list: readonly T[], encode: (item: T) => U): U[] | undefined {
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) out[out.length] = encode(list[i]);
  return out.length ? out : undefined;
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

/** `undefined` reads as no attributes (events and links may have none). */
export function toKeyValues(attributes: Attributes | undefined): { key: string; value: AnyValue }[] {
  const out: { key: string; value: AnyValue }[] = [];
  if (!attributes) return out;
  const keys = ownKeys(attributes);
  for (let i = 0; i < keys.length; i++) {
    const value = attributes[keys[i]];
    if (value != null) out[out.length] = { key: keys[i], value: toAnyValue(value) };
  }
  return out;
}

/**
 * Nanoseconds since the epoch as a decimal string: exact without BigInt (numbers stop at 2^53). The
 * digits come from JSON.stringify, not String(): see `toJson` on V8's number-to-string cache.
 */
export function hrTimeToNanos([seconds, nanos]: HrTime): string {
  return seconds ? stringify(seconds) + stringify(nanos).padStart(9, '0') : stringify(nanos);
}

/** `dropped`: lost spans to report on this span as {@link DROPPED_SPANS_ATTRIBUTE}, after its own attributes. */
function encodeSpan(span: ReadableSpan, dropped: number) {
  const context = span.spanContext();
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    traceState: context.traceState?.serialize() || undefined,
    name: span.name,
    // OTLP's SpanKind counts from UNSPECIFIED = 0, the API's from INTERNAL = 0.
    kind: span.kind + 1,
    startTimeUnixNano: hrTimeToNanos(span.startTime),
    endTimeUnixNano: hrTimeToNanos(span.endTime),
    attributes: toKeyValues(dropped ? { ...span.attributes, [DROPPED_SPANS_ATTRIBUTE]: dropped } : span.attributes),
    droppedAttributesCount: span.droppedAttributesCount || undefined,
    events: each(span.events, (event) => ({
      timeUnixNano: hrTimeToNanos(event.time),
      name: event.name,
      attributes: nonEmpty(toKeyValues(event.attributes)),
    })),
    droppedEventsCount: span.droppedEventsCount || undefined,
    links: each(span.links, (link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      attributes: nonEmpty(toKeyValues(link.attributes)),
    })),
    status: span.status.code ? { code: span.status.code, message: span.status.message || undefined } : undefined,
  };
}

/**
 * Encodes spans as one OTLP `ExportTraceServiceRequest` in JSON, grouped by instrumentation scope.
 * All spans of one SDK share one resource, so the first span's resource stands for all (batches are
 * never empty; an empty list would still encode, as a resource without attributes or spans).
 * `dropped`, when not 0, goes on the first span as {@link DROPPED_SPANS_ATTRIBUTE}.
 */
export function encodeSpans(spans: readonly ReadableSpan[], dropped = 0): string {
  type Group = { scope: { name: string; version?: string }; spans: ReturnType<typeof encodeSpan>[] };
  // Groups in first-seen order, found by key in a prototype-less object (no Map: its methods can be replaced too).
  const groups: Group[] = [];
  const byKey: Record<string, Group> = Object.create(null);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    const scope = span.instrumentationScope;
    const key = `${scope.name}@${scope.version ?? ''}`;
    let group = byKey[key];
    if (!group) groups[groups.length] = byKey[key] = group = { scope: { name: scope.name, version: scope.version }, spans: [] };
    group.spans[group.spans.length] = encodeSpan(span, i ? 0 : dropped);
  }
  return toJson({
    resourceSpans: [{ resource: { attributes: toKeyValues(spans[0]?.resource.attributes) }, scopeSpans: groups }],
  });
}
