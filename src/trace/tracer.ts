import {
  context as api,
  INVALID_SPAN_CONTEXT,
  SpanKind,
  trace,
  TraceFlags,
  isSpanContextValid,
  type Context,
  type Span as ApiSpan,
  type SpanOptions,
  type Tracer as ApiTracer,
} from '@opentelemetry/api';
import { isArray } from '../lib/natives';
import { randomHex } from '../lib/random-id';
import { RecordingSpan, type SpanShared } from './span';
import { isTracingSuppressed } from './suppress';
import { SamplingDecision, type Sampler } from './types';

export interface TracerShared extends SpanShared {
  sampler: Sampler;
}

/** A span that records nothing and carries no valid ids: what failed or suppressed work gets. */
const invalidSpan = (): ApiSpan => trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Starts spans for one instrumentation scope: picks the parent from the context, asks the sampler,
 * and hands recording spans to the processor chain. Never throws into the caller: on a failure the
 * caller gets a span that records nothing.
 */
export class Tracer implements ApiTracer {
  constructor(private readonly _shared: TracerShared) {}

  startSpan(name: string, options: SpanOptions = {}, context: Context = api.active()): ApiSpan {
    try {
      return this._start(name, options ?? {}, context ?? api.active());
    } catch (error) {
      this._shared.debug(`span "${name}" could not start: ${error}`);
      return invalidSpan();
    }
  }

  startActiveSpan<F extends (span: ApiSpan) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: ApiSpan) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: ApiSpan) => unknown>(name: string, options: SpanOptions, context: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: ApiSpan) => unknown>(name: string, ...args: unknown[]): ReturnType<F> {
    const fn = args.pop() as F;
    const [options, parent = api.active()] = args as [SpanOptions | undefined, Context | undefined];
    const span = this.startSpan(name, options, parent);
    return api.with(trace.setSpan(parent, span), fn as (span: ApiSpan) => ReturnType<F>, undefined, span);
  }

  private _start(name: string, options: SpanOptions, context: Context): ApiSpan {
    if (isTracingSuppressed(context)) return invalidSpan();
    if (options.root) context = trace.deleteSpan(context);
    const parent = trace.getSpanContext(context);
    const parentSpanContext = parent && isSpanContextValid(parent) ? parent : undefined;
    const traceId = parentSpanContext?.traceId ?? randomHex(16);
    const spanId = randomHex(8);
    const kind = options.kind ?? SpanKind.INTERNAL;
    const links = isArray(options.links) ? options.links : [];
    const attributes = options.attributes ?? {};
    const result = this._shared.sampler.shouldSample(context, traceId, name, kind, attributes, links);
    const spanContext = {
      traceId,
      spanId,
      traceFlags: result.decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE,
      traceState: result.traceState ?? parentSpanContext?.traceState,
    };
    // Not recorded: the ids still propagate (flags 00), nothing is kept.
    if (result.decision === SamplingDecision.NOT_RECORD) return trace.wrapSpanContext(spanContext);
    const span = new RecordingSpan(this._shared, {
      name: String(name),
      kind,
      context: spanContext,
      parentSpanContext,
      attributes: { ...attributes, ...result.attributes },
      links,
      startTime: options.startTime,
    });
    this._shared.processor.onStart(span, context);
    return span;
  }
}
