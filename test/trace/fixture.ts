// A provider of our own core with a processor that records what it sees, for the span-level tests.
import { resolveConfig } from '../../src/config';
import { DEFAULT_ATTRIBUTE_LIMITS, toSpanLimits } from '../../src/privacy/limits';
import { BrowserTracerProvider } from '../../src/trace/provider';
import { createResource } from '../../src/trace/resource';
import type { Clock } from '../../src/trace/time';
import type { ReadableSpan, Sampler, Span, SpanLimits, SpanProcessor } from '../../src/trace/types';

export interface Recorder extends SpanProcessor {
  started: Span[];
  ended: ReadableSpan[];
}

export function recorder(): Recorder {
  const started: Span[] = [];
  const ended: ReadableSpan[] = [];
  return {
    started,
    ended,
    onStart: (span) => void started.push(span),
    onEnd: (span) => void ended.push(span),
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

export const ALWAYS_ON: Sampler = { shouldSample: () => ({ decision: 2 }), toString: () => 'always on' };

export function coreProvider(
  options: { processors?: SpanProcessor[]; sampler?: Sampler; limits?: Partial<SpanLimits>; clock?: Clock; debug?: string[]; warnings?: unknown[][] } = {},
): BrowserTracerProvider {
  const resolved = resolveConfig({ endpoint: '/v1/traces', serviceName: 'core-test' }, location.href);
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return new BrowserTracerProvider({
    resource: createResource(resolved.config, navigator),
    sampler: options.sampler ?? ALWAYS_ON,
    spanProcessors: options.processors ?? [],
    spanLimits: { ...toSpanLimits(DEFAULT_ATTRIBUTE_LIMITS), ...options.limits },
    clock: options.clock,
    logger: { warn: (...args: unknown[]) => void options.warnings?.push(args), debug: (message: string) => void options.debug?.push(message) },
  });
}
