import { context, propagation, trace, type ContextManager, type TextMapPropagator } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { Sampler, SpanLimits, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { StackContextManager, WebTracerProvider } from '@opentelemetry/sdk-trace-web';

export interface ProviderParts {
  resource: Resource;
  sampler: Sampler;
  spanProcessors: SpanProcessor[];
  /** Bounds on attributes and events per span (see `processors/limits.ts`). */
  spanLimits?: SpanLimits;
  /** The propagator to register; W3C trace context when absent. */
  propagator?: TextMapPropagator;
  /** Carries the active span; upstream's stack-only manager when not given. */
  contextManager?: ContextManager;
}

/**
 * Builds the tracer provider and registers it, with a context manager and the W3C trace-context
 * propagator, as the global one that `@opentelemetry/api` hands to user code.
 */
export function createProvider({ resource, sampler, spanProcessors, spanLimits, propagator, contextManager }: ProviderParts): WebTracerProvider {
  const provider = new WebTracerProvider({ resource, sampler, spanProcessors, spanLimits });
  provider.register({ contextManager: contextManager ?? new StackContextManager(), propagator: propagator ?? new W3CTraceContextPropagator() });
  return provider;
}

/** Removes what `createProvider` registered globally, so the page is as before. */
export function unregisterGlobals(): void {
  trace.disable();
  context.disable();
  propagation.disable();
}
