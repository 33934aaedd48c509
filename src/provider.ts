import { context, propagation, trace, type ContextManager } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { StackContextManager, WebTracerProvider } from '@opentelemetry/sdk-trace-web';

export interface ProviderParts {
  resource: Resource;
  sampler: Sampler;
  spanProcessors: SpanProcessor[];
  /** Carries the active span; upstream's stack-only manager when not given. */
  contextManager?: ContextManager;
}

/**
 * Builds the tracer provider and registers it, with a context manager and the W3C trace-context
 * propagator, as the global one that `@opentelemetry/api` hands to user code.
 */
export function createProvider({ resource, sampler, spanProcessors, contextManager }: ProviderParts): WebTracerProvider {
  const provider = new WebTracerProvider({ resource, sampler, spanProcessors });
  provider.register({ contextManager: contextManager ?? new StackContextManager(), propagator: new W3CTraceContextPropagator() });
  return provider;
}

/** Removes what `createProvider` registered globally, so the page is as before. */
export function unregisterGlobals(): void {
  trace.disable();
  context.disable();
  propagation.disable();
}
