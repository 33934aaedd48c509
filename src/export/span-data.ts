import type { Attributes, HrTime, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '../trace/types';

/** One span event as `beforeSend` sees it. */
export interface SpanEventData {
  name: string;
  /** When it happened, in milliseconds since the epoch. */
  time: number;
  attributes: Attributes;
}

/**
 * A finished span as `beforeSend` sees it: a plain object whose `name`, `attributes`, `events` and
 * `status` may be changed in place (or replaced); the ids, times, resource and scope are for reading.
 * Attributes and events are copies: changing them affects only what is exported.
 */
export interface SpanData {
  name: string;
  readonly kind: SpanKind;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  /** Start and end in milliseconds since the epoch. */
  readonly startTime: number;
  readonly endTime: number;
  attributes: Attributes;
  events: SpanEventData[];
  status: { code: SpanStatusCode; message?: string };
  /** `service.name`, `session.id` and the other resource attributes shared by every span. */
  readonly resource: Readonly<Attributes>;
  /** The instrumentation (tracer) that made the span, e.g. `@opentelemetry/instrumentation-fetch`. */
  readonly scope: { readonly name: string; readonly version?: string };
}

const toMillis = ([seconds, nanos]: HrTime): number => seconds * 1000 + nanos / 1e6;
const toHrTime = (millis: number): HrTime => {
  const seconds = Math.floor(millis / 1000);
  return [seconds, Math.round((millis - seconds * 1000) * 1e6)];
};

/** Event views keep their exact original time here, so an untouched event round-trips unchanged. */
const originalTimes = new WeakMap<SpanEventData, { millis: number; time: HrTime }>();

/** Copies what is safe to change out of an ended span. */
export function toSpanData(span: ReadableSpan): SpanData {
  const context = span.spanContext();
  return {
    name: span.name,
    kind: span.kind,
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    startTime: toMillis(span.startTime),
    endTime: toMillis(span.endTime),
    attributes: { ...span.attributes },
    events: span.events.map((event) => {
      const view = { name: event.name, time: toMillis(event.time), attributes: { ...event.attributes } };
      originalTimes.set(view, { millis: view.time, time: event.time });
      return view;
    }),
    status: { ...span.status },
    resource: frozenResource(span),
    scope: frozenScope(span),
  };
}

// Frozen copies: the resource and scope objects are shared by every span, and a hook must not change
// them. One copy per resource and per scope, not one per span.
const resources = new WeakMap<object, Readonly<Attributes>>();
const scopes = new WeakMap<object, SpanData['scope']>();

function frozenResource(span: ReadableSpan): Readonly<Attributes> {
  let copy = resources.get(span.resource);
  if (!copy) resources.set(span.resource, (copy = Object.freeze({ ...span.resource.attributes })));
  return copy;
}

function frozenScope(span: ReadableSpan): SpanData['scope'] {
  const scope = span.instrumentationScope;
  let copy = scopes.get(scope);
  if (!copy) scopes.set(scope, (copy = Object.freeze({ name: scope.name, version: scope.version })));
  return copy;
}

function toTimedEvent(event: SpanEventData): TimedEvent {
  const original = originalTimes.get(event);
  const time = original && original.millis === event.time ? original.time : toHrTime(Number(event.time) || 0);
  return { name: String(event.name), time, attributes: event.attributes, droppedAttributesCount: 0 };
}

/**
 * A read-only span for the exporter: the original's identity and timing, with the (redacted, user
 * edited, limited) name, attributes, events and status of `data`.
 */
export function toReadableSpan(span: ReadableSpan, data: SpanData, dropped: { attributes: number; events: number }): ReadableSpan {
  const context = span.spanContext();
  return {
    name: data.name,
    kind: span.kind,
    spanContext: () => context,
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: data.status,
    attributes: data.attributes,
    links: span.links,
    events: data.events.map(toTimedEvent),
    duration: span.duration,
    ended: true,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount + dropped.attributes,
    droppedEventsCount: span.droppedEventsCount + dropped.events,
    droppedLinksCount: span.droppedLinksCount,
  };
}
