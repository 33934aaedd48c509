import { context, propagation, trace, type ContextManager, type TextMapPropagator } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { TracerProvider, type Sampler, type SpanLimits, type SpanProcessor } from '@opentelemetry/sdk-trace';

export interface ProviderParts {
  resource: Resource;
  sampler: Sampler;
  spanProcessors: SpanProcessor[];
  /** Bounds on attributes and events per span (see `processors/limits.ts`). */
  spanLimits?: SpanLimits;
  /** The propagator to register (see `consent-propagator.ts`). */
  propagator: TextMapPropagator;
  /** Carries the active span. */
  contextManager: ContextManager;
}

/**
 * Builds the tracer provider and registers it, with the context manager and the propagator, as the
 * global one that `@opentelemetry/api` hands to user code.
 *
 * It is `@opentelemetry/sdk-trace`'s `TracerProvider`, the class that sdk-trace-web's `WebTracerProvider`
 * builds on. The web provider adds only `register()` and, through sdk-trace-base, a deep merge of the
 * options with `OTEL_*` environment defaults that a browser does not have: that merge walked our span
 * processors' object graphs and was the largest single cost of `init()` (about half of it in a profile).
 */
export function createProvider({ resource, sampler, spanProcessors, spanLimits, propagator, contextManager }: ProviderParts): TracerProvider {
  const provider = new TracerProvider({ resource, sampler, spanProcessors, spanLimits });
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(propagator);
  context.setGlobalContextManager(contextManager.enable());
  return provider;
}

/** Removes what `createProvider` registered globally, so the page is as before. */
export function unregisterGlobals(): void {
  trace.disable();
  context.disable();
  propagation.disable();
}
