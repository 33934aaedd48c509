import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '../trace/types';

// OTLP/JSON encoding of spans, written for the browser: no protobuf runtime, no BigInt, one pass.
// https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding
// Empty lists and unset messages are left out, as the protobuf JSON mapping allows (a receiver reads
// them as empty): every byte saved is one less per span on the wire, and fewer export requests.

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: number }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } };

function toAnyValue(value: AttributeValue): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  return { arrayValue: { values: (value as unknown[]).filter((v) => v != null).map((v) => toAnyValue(v as AttributeValue)) } };
}

/** The list, or undefined when it is empty (and so left out of the JSON). */
const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

/** `undefined` reads as no attributes (events and links may have none). */
export function toKeyValues(attributes: Attributes | undefined): { key: string; value: AnyValue }[] {
  const out: { key: string; value: AnyValue }[] = [];
  for (const key in attributes) {
    const value = attributes[key];
    if (value != null) out.push({ key, value: toAnyValue(value) });
  }
  return out;
}

/** Nanoseconds since the epoch as a decimal string: exact without BigInt (numbers stop at 2^53). */
export function hrTimeToNanos([seconds, nanos]: HrTime): string {
  return seconds ? `${seconds}${String(nanos).padStart(9, '0')}` : String(nanos);
}

function encodeSpan(span: ReadableSpan) {
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
    attributes: toKeyValues(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount || undefined,
    events: nonEmpty(
      span.events.map((event) => ({
        timeUnixNano: hrTimeToNanos(event.time),
        name: event.name,
        attributes: nonEmpty(toKeyValues(event.attributes)),
      })),
    ),
    droppedEventsCount: span.droppedEventsCount || undefined,
    links: nonEmpty(
      span.links.map((link) => ({
        traceId: link.context.traceId,
        spanId: link.context.spanId,
        attributes: nonEmpty(toKeyValues(link.attributes)),
      })),
    ),
    status: span.status.code ? { code: span.status.code, message: span.status.message || undefined } : undefined,
  };
}

/**
 * Encodes spans as one OTLP `ExportTraceServiceRequest` in JSON, grouped by instrumentation scope.
 * All spans of one SDK share one resource, so the first span's resource stands for all (batches are
 * never empty; an empty list would still encode, as a resource without attributes or spans).
 */
export function encodeSpans(spans: readonly ReadableSpan[]): string {
  const scopes = new Map<string, { scope: { name: string; version?: string }; spans: ReturnType<typeof encodeSpan>[] }>();
  for (const span of spans) {
    const scope = span.instrumentationScope;
    const key = `${scope.name}@${scope.version ?? ''}`;
    let group = scopes.get(key);
    if (!group) scopes.set(key, (group = { scope: { name: scope.name, version: scope.version }, spans: [] }));
    group.spans.push(encodeSpan(span));
  }
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: toKeyValues(spans[0]?.resource.attributes) }, scopeSpans: [...scopes.values()] }],
  });
}
