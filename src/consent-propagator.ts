import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Consent } from './consent';

/**
 * The propagator the SDK registers: W3C trace context (`traceparent`, plus `tracestate` only when the
 * span's context carries one, which nothing in the SDK creates), `baggage` only when asked for, and
 * nothing at all while consent is not granted. The consent check sits here rather than only in the
 * request policy because upstream fetch/XHR instrumentations always inject into same-origin requests
 * without asking the policy; every injection, theirs or the user's own, goes through this object.
 */
export class ConsentPropagator implements TextMapPropagator {
  constructor(
    private readonly _inner: TextMapPropagator,
    private readonly _consent: Consent,
  ) {}

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    if (this._consent.isGranted()) this._inner.inject(context, carrier, setter);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    return this._inner.extract(context, carrier, getter);
  }

  fields(): string[] {
    return this._inner.fields();
  }
}

/** Builds the page's propagator from the options: trace context always, baggage on request, both behind consent. */
export function createPropagator(options: { baggage: boolean; consent: Consent }): TextMapPropagator {
  const traceContext = new W3CTraceContextPropagator();
  const inner = options.baggage
    ? new CompositePropagator({ propagators: [traceContext, new W3CBaggagePropagator()] })
    : traceContext;
  return new ConsentPropagator(inner, options.consent);
}
