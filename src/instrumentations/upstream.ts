import type { TracerProvider } from '@opentelemetry/api';
import type { Teardown } from './types';

/** The part of an upstream OpenTelemetry `InstrumentationBase` that we drive. */
interface UpstreamInstrumentation {
  setTracerProvider(provider: TracerProvider): void;
  enable(): void;
  disable(): void;
}

/** An object and the names of the methods an upstream instrumentation wraps on it. */
export type PatchTarget = [target: object, keys: string[]];

/**
 * Turns an upstream instrumentation (constructed with `enabled: false`) on, and returns how to turn it
 * off. Upstream's `disable()` leaves its wrappers in place (they just pass through), so the teardown
 * also puts back the original methods, unless someone else wrapped them after us.
 */
export function enableUpstream(instrumentation: UpstreamInstrumentation, provider: TracerProvider, patched: PatchTarget[] = []): Teardown {
  const before = patched.map(([target, keys]) => keys.map((key) => (target as Record<string, unknown>)[key]));
  instrumentation.setTracerProvider(provider);
  instrumentation.enable();
  const after = patched.map(([target, keys]) => keys.map((key) => (target as Record<string, unknown>)[key]));
  return () => {
    instrumentation.disable();
    patched.forEach(([target, keys], i) =>
      keys.forEach((key, j) => {
        const record = target as Record<string, unknown>;
        if (record[key] === after[i][j] && after[i][j] !== before[i][j]) record[key] = before[i][j];
      }),
    );
  };
}
