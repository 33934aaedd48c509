import { describeValue, mustBe } from '../config/checks';
import type { SpanProcessor } from './types';

const METHODS = ['onStart', 'onEnd', 'forceFlush', 'shutdown'] as const;

export const SPAN_PROCESSOR_SHAPE = 'a span processor (an object with onStart, onEnd, forceFlush and shutdown methods)';

/**
 * Checks `init({ spanProcessors })`: a list of OpenTelemetry-shaped span processors (upstream's, or the
 * user's own). Each bad entry is a problem naming its index; the SDK then stays off, like any bad option.
 */
export function resolveSpanProcessors(value: unknown, problems: string[]): SpanProcessor[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(mustBe('spanProcessors', `a list of span processors`, value, describeProcessor(value)));
    return [];
  }
  value.forEach((processor, index) => {
    if (!isSpanProcessor(processor)) problems.push(mustBe(`spanProcessors[${index}]`, SPAN_PROCESSOR_SHAPE, processor, describeProcessor(processor)));
  });
  return value.filter(isSpanProcessor);
}

function isSpanProcessor(value: unknown): value is SpanProcessor {
  return typeof value === 'object' && value !== null && METHODS.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');
}

/** A processor is usually a class instance, which JSON shows as `{}`: name its class and its methods instead. */
function describeProcessor(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return describeValue(value);
  const methods = METHODS.filter((method) => typeof (value as Record<string, unknown>)[method] === 'function');
  return `${value.constructor?.name || 'an object'} with ${methods.length ? methods.join(', ') : 'none of them'}`;
}
