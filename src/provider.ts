import { context, propagation, trace, type Context, type ContextManager, type MeterProvider, type TextMapPropagator, type Tracer as ApiTracer, type TracerProvider } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { RandomIdGenerator, type ReadableSpan, type Sampler, type Span, type SpanLimits, type SpanProcessor } from '@opentelemetry/sdk-trace';
// The SDK's tracer (it starts `Span`s, samples, applies limits) without the package's `TracerProvider`;
// see `BrowserTracerProvider` for why. The package has no `exports` map, so this path is public.
import { Tracer } from '@opentelemetry/sdk-trace/build/esm/Tracer.js';

export interface ProviderParts {
  resource: Resource;
  sampler: Sampler;
  spanProcessors: SpanProcessor[];
  /** Bounds on attributes, events and links per span (see `processors/limits.ts`). */
  spanLimits: Required<SpanLimits>;
  /** The propagator to register (see `consent-propagator.ts`). */
  propagator: TextMapPropagator;
  /** Carries the active span. */
  contextManager: ContextManager;
  /** How long `forceFlush()` waits for each span processor before it gives up on it. @default 30000 */
  flushTimeoutMs?: number;
}

/**
 * The SDK's own span metrics (spans started, spans live) go to a meter; a browser page has no meter
 * provider, so the tracer gets one whose instruments do nothing.
 */
const NO_METERS = {
  getMeter: () => ({ createCounter: () => ({ add() {} }), createUpDownCounter: () => ({ add() {} }) }),
} as unknown as MeterProvider;

/**
 * The tracer provider: `@opentelemetry/sdk-trace`'s `Tracer` for every instrumentation scope, all sharing
 * one resource, sampler, limits and chain of span processors.
 *
 * Not the package's `TracerProvider` (nor sdk-trace-web's `WebTracerProvider`, which adds an
 * `OTEL_*`-environment deep merge a browser has no use for, once the largest cost of `init()`): that class
 * also brings a default resource, a default sampler, span metrics and Node's `util.inspect` output, none
 * of which the SDK uses. With the fixed resource (`resource.ts`), this saves ~1.5 KB gzip in the script tag.
 */
export class BrowserTracerProvider implements TracerProvider {
  private readonly _tracers = new Map<string, ApiTracer>();
  private readonly _processors: SpanProcessor[];
  private readonly _options: ConstructorParameters<typeof Tracer>[1];
  private readonly _flushTimeoutMs: number;

  constructor({ resource, sampler, spanProcessors, spanLimits, flushTimeoutMs = 30_000 }: Omit<ProviderParts, 'propagator' | 'contextManager'>) {
    this._processors = spanProcessors;
    this._flushTimeoutMs = flushTimeoutMs;
    this._options = {
      resource,
      sampler,
      spanLimits,
      idGenerator: new RandomIdGenerator(),
      spanProcessor: new ProcessorChain(spanProcessors),
      meterProvider: NO_METERS,
    };
  }

  getTracer(name: string, version?: string, options?: { schemaUrl?: string }): ApiTracer {
    const key = `${name}@${version ?? ''}:${options?.schemaUrl ?? ''}`;
    let tracer = this._tracers.get(key);
    if (!tracer) this._tracers.set(key, (tracer = new Tracer({ name, version, schemaUrl: options?.schemaUrl }, this._options)));
    return tracer;
  }

  /**
   * Resolves once every span processor has flushed; fails if one failed or took longer than the flush
   * timeout (a collector that never answers must not leave the caller waiting for ever).
   */
  forceFlush(): Promise<void> {
    return settleAll(this._processors.map((processor) => withTimeout(processor.forceFlush(), this._flushTimeoutMs)));
  }

  shutdown(): Promise<void> {
    return settleAll(this._processors.map((processor) => processor.shutdown()));
  }
}

/** `work`, or a failure once `ms` have passed without it settling. */
function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`a span processor did not flush within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Waits for all of them, then fails with the first failure, if any: one processor's failure does not cut the others short. */
async function settleAll(work: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

/** Hands each span to every processor, in order. */
class ProcessorChain implements SpanProcessor {
  constructor(private readonly _processors: SpanProcessor[]) {}

  onStart(span: Span, parentContext: Context): void {
    for (const processor of this._processors) processor.onStart(span, parentContext);
  }

  onEnding(span: Span): void {
    for (const processor of this._processors) processor.onEnding?.(span);
  }

  onEnd(span: ReadableSpan): void {
    for (const processor of this._processors) processor.onEnd(span);
  }

  // The provider flushes and shuts down the processors itself.
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Builds the tracer provider and registers it, with the context manager and the propagator, as the
 * global one that `@opentelemetry/api` hands to user code.
 */
export function createProvider({ propagator, contextManager, ...parts }: ProviderParts): BrowserTracerProvider {
  const provider = new BrowserTracerProvider(parts);
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
