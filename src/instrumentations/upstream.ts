import type { TracerProvider } from '@opentelemetry/api';
import type { Teardown } from './types';

/** The part of an upstream OpenTelemetry `InstrumentationBase` that we drive. */
interface UpstreamInstrumentation {
  setTracerProvider(provider: TracerProvider): void;
  enable(): void;
  disable(): void;
}

/** Turns an upstream instrumentation (constructed with `enabled: false`) on, and returns how to turn it off. */
export function enableUpstream(instrumentation: UpstreamInstrumentation, provider: TracerProvider): Teardown {
  instrumentation.setTracerProvider(provider);
  instrumentation.enable();
  return () => instrumentation.disable();
}
