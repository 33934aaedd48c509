import { context, propagation, trace, type ContextManager, type TextMapPropagator, type Tracer as ApiTracer, type TracerProvider } from '@opentelemetry/api';
import type { Logger } from '../lib/logger';
import { ProcessorChain } from './processor-chain';
import { pageClock, type Clock } from './time';
import { Tracer, type TracerShared } from './tracer';
import type { Resource, Sampler, SpanLimits, SpanProcessor } from './types';

export interface ProviderParts {
  resource: Resource;
  sampler: Sampler;
  spanProcessors: SpanProcessor[];
  /** Bounds on attributes, events and links per span (see `privacy/limits.ts`). */
  spanLimits: Required<SpanLimits>;
  /** The propagator to register (see `consent-propagator.ts`). */
  propagator: TextMapPropagator;
  /** Carries the active span. */
  contextManager: ContextManager;
  /** How long `forceFlush()` waits for each span processor before it gives up on it. @default 30000 */
  flushTimeoutMs?: number;
  /** Where a failing processor is reported, and span misuse in debug mode. @default the console, warnings only */
  logger?: Pick<Logger, 'warn' | 'debug'>;
  /** Where span times come from. @default the page's clock */
  clock?: Clock;
}

const CONSOLE_WARNINGS: Pick<Logger, 'warn' | 'debug'> = { warn: (...args: unknown[]) => console.warn('[otel-browser]', ...args), debug() {} };

/**
 * The tracer provider: one {@link Tracer} per instrumentation scope, all sharing one resource, sampler,
 * span limits, clock and chain of span processors. Our own, on `@opentelemetry/api` alone, so an app
 * on either OpenTelemetry JS line (api 1.9 or 1.10) shares it through its one api copy.
 */
export class BrowserTracerProvider implements TracerProvider {
  private readonly _tracers = new Map<string, ApiTracer>();
  private readonly _chain: ProcessorChain;
  private readonly _shared: Omit<TracerShared, 'scope'>;
  private readonly _flushTimeoutMs: number;

  constructor({
    resource,
    sampler,
    spanProcessors,
    spanLimits,
    flushTimeoutMs = 30_000,
    logger = CONSOLE_WARNINGS,
    clock = pageClock,
  }: Omit<ProviderParts, 'propagator' | 'contextManager'>) {
    this._flushTimeoutMs = flushTimeoutMs;
    this._chain = new ProcessorChain(spanProcessors, logger);
    this._shared = {
      resource,
      sampler,
      limits: spanLimits,
      attributeLimit: { count: spanLimits.attributeCountLimit, length: spanLimits.attributeValueLengthLimit },
      processor: this._chain,
      clock,
      debug: (message) => logger.debug(message),
    };
  }

  getTracer(name: string, version?: string, options?: { schemaUrl?: string }): ApiTracer {
    const key = `${name}@${version ?? ''}:${options?.schemaUrl ?? ''}`;
    let tracer = this._tracers.get(key);
    if (!tracer) this._tracers.set(key, (tracer = new Tracer({ ...this._shared, scope: { name: String(name), version, schemaUrl: options?.schemaUrl } })));
    return tracer;
  }

  /**
   * Resolves once every span processor has flushed; fails if one failed or took longer than the flush
   * timeout (a collector that never answers must not leave the caller waiting for ever).
   */
  forceFlush(): Promise<void> {
    return settleAll(this._chain.forceFlushEach().map((work) => withTimeout(work, this._flushTimeoutMs)));
  }

  shutdown(): Promise<void> {
    return settleAll(this._chain.shutdownEach());
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

/**
 * Builds the tracer provider and registers it, with the context manager and the propagator, as the
 * global one that `@opentelemetry/api` hands to user code.
 */
export function createProvider({ propagator, contextManager, ...parts }: ProviderParts): BrowserTracerProvider {
  const provider = new BrowserTracerProvider(parts);
  // The api refuses a second registration (or one from an api copy it cannot serve) and says so only
  // through its diag logger, which is silent by default: the page's own spans would then be no-ops.
  registered = [trace.setGlobalTracerProvider(provider), propagation.setGlobalPropagator(propagator), context.setGlobalContextManager(contextManager.enable())];
  if (registered.includes(false)) (parts.logger ?? CONSOLE_WARNINGS).warn(NOT_REGISTERED);
  return provider;
}

/** Which of the three globals `createProvider` registered: shutdown must not remove another SDK's. */
let registered = [false, false, false];

export const NOT_REGISTERED =
  "@opentelemetry/api refused the SDK's registration (another SDK registered first, or two api copies): page spans from trace.getTracer() are not recorded. Keep one SDK and one api copy (npm ls @opentelemetry/api).";

/** Removes what `createProvider` registered globally (and nothing another SDK registered), so the page is as before. */
export function unregisterGlobals(): void {
  const [tracer, propagator, contextManager] = registered;
  if (tracer) trace.disable();
  if (propagator) propagation.disable();
  if (contextManager) context.disable();
  registered = [false, false, false];
}
