import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import type { Consent } from './consent';
import { BaggagePropagator, TraceContextPropagator } from '../trace/w3c-propagators';

/**
 * The propagator the SDK registers: W3C trace context (`traceparent`, plus `tracestate` only when the
 * span's context carries one, which nothing in the SDK creates), `baggage` only when asked for, and
 * nothing at all while consent is not granted. The consent check sits here rather than only in the
 * request policy because every injection, ours or the user's own, goes through this object.
 *
 * It runs its inner propagators itself (upstream's `CompositePropagator` would add a class to the bundle
 * for two lines): each one's failure is contained, so one bad header cannot stop the other.
 */
export class ConsentPropagator implements TextMapPropagator {
  constructor(
    private readonly _inner: TextMapPropagator[],
    private readonly _consent: Consent,
  ) {}

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    if (!this._consent.isGranted()) return;
    for (const propagator of this._inner) {
      try {
        propagator.inject(context, carrier, setter);
      } catch {
        // That header is left out; the request goes on.
      }
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    for (const propagator of this._inner) {
      try {
        context = propagator.extract(context, carrier, getter);
      } catch {
        // Nothing taken from that header.
      }
    }
    return context;
  }

  fields(): string[] {
    return this._inner.flatMap((propagator) => propagator.fields());
  }
}

/** Builds the page's propagator from the options: trace context always, baggage on request, both behind consent. */
export function createPropagator(options: { baggage: boolean; consent: Consent }): TextMapPropagator {
  const inner: TextMapPropagator[] = [new TraceContextPropagator()];
  if (options.baggage) inner.push(new BaggagePropagator());
  return new ConsentPropagator(inner, options.consent);
}
