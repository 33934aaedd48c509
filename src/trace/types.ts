import type { Attributes, AttributeValue, Context, HrTime, Link, Span as ApiSpan, SpanContext, SpanKind, SpanStatus } from '@opentelemetry/api';

// The SDK-side types of the tracing core. Their shapes follow OpenTelemetry JS's `sdk-trace` (2.x and
// 3.x) member for member, so processors written for upstream can be passed to `init({ spanProcessors })`
// and upstream exporters can read our spans, without the SDK depending on any upstream SDK package.

/** Who made a span: the name (and version) a tracer was asked for. */
export interface InstrumentationScope {
  readonly name: string;
  readonly version?: string;
  readonly schemaUrl?: string;
}

/** What produced the telemetry (service, SDK, browser); the same object on every span. */
export interface Resource {
  readonly attributes: Attributes;
  readonly asyncAttributesPending?: boolean;
  readonly schemaUrl?: string;
  getRawAttributes(): [string, AttributeValue | undefined][];
  /** A resource with the attributes of both; `other`'s values win. */
  merge(other: Resource | null): Resource;
}

/** An event recorded on a span (`addEvent`, `recordException`). */
export interface TimedEvent {
  time: HrTime;
  name: string;
  attributes?: Attributes;
  droppedAttributesCount?: number;
}

/** A span as exporters and `onEnd` see it: everything about it, read-only. */
export interface ReadableSpan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly spanContext: () => SpanContext;
  readonly parentSpanContext?: SpanContext;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly status: SpanStatus;
  readonly attributes: Attributes;
  readonly links: Link[];
  readonly events: TimedEvent[];
  readonly duration: HrTime;
  readonly ended: boolean;
  readonly resource: Resource;
  readonly instrumentationScope: InstrumentationScope;
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** A live, recording span as `onStart` sees it: the API's span plus what can be read from it. */
export interface Span extends ApiSpan, Omit<ReadableSpan, 'spanContext'> {}

/**
 * Sees every recording span start and end, in the order of the chain. OpenTelemetry's shape: an
 * upstream processor (e.g. `BatchSpanProcessor` with an upstream exporter) fits as it is.
 */
export interface SpanProcessor {
  /** Called when a span starts, with the context it started in; the span may still be changed. */
  onStart(span: Span, parentContext: Context): void;
  /** Called just before a span ends, while it may still be changed (optional). */
  onEnding?(span: Span): void;
  /** Called once a span has ended; it must not be changed any more. */
  onEnd(span: ReadableSpan): void;
  /** Exports whatever is waiting. */
  forceFlush(): Promise<void>;
  /** Flushes and stops; called once, by the provider's shutdown. */
  shutdown(): Promise<void>;
}

/** A sampler's verdict. Same values as upstream's `SamplingDecision` enum, so its samplers fit. */
export const SamplingDecision = { NOT_RECORD: 0, RECORD: 1, RECORD_AND_SAMPLED: 2 } as const;
export type SamplingDecision = (typeof SamplingDecision)[keyof typeof SamplingDecision];

export interface SamplingResult {
  decision: SamplingDecision;
  /** Attributes the sampler adds to the span. */
  attributes?: Readonly<Attributes>;
  /** The trace state for the new span (otherwise the parent's). */
  traceState?: SpanContext['traceState'];
}

/** Decides, when a span starts, whether it is recorded and exported. */
export interface Sampler {
  shouldSample(context: Context, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult;
  toString(): string;
}

/** Bounds on what one span holds in memory; what goes past them is dropped and counted. */
export interface SpanLimits {
  /** Characters per string attribute value (each string of an array too). */
  attributeValueLengthLimit?: number;
  attributeCountLimit?: number;
  linkCountLimit?: number;
  /** Events per span; beyond it the oldest are dropped. */
  eventCountLimit?: number;
  attributePerEventCountLimit?: number;
  attributePerLinkCountLimit?: number;
}
