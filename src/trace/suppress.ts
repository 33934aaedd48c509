import { createContextKey, type Context } from '@opentelemetry/api';

/**
 * The context key by which OpenTelemetry JS marks work that must not be traced (`suppressTracing` in
 * `@opentelemetry/core`, used by upstream exporters and instrumentations). `createContextKey` makes a
 * `Symbol.for` of the description, so this is the same key as upstream's, in any copy of any version.
 */
const SUPPRESS_TRACING = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

export const isTracingSuppressed = (context: Context): boolean => context.getValue(SUPPRESS_TRACING) === true;

export const suppressTracing = (context: Context): Context => context.setValue(SUPPRESS_TRACING, true);
