import { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler } from '@opentelemetry/sdk-trace-base';

/** The sampler for `sampleRate`: 1 records everything, 0 nothing; children follow their parent. */
export function createSampler(sampleRate: number): Sampler {
  const root = sampleRate >= 1 ? new AlwaysOnSampler() : sampleRate <= 0 ? new AlwaysOffSampler() : new TraceIdRatioBasedSampler(sampleRate);
  return new ParentBasedSampler({ root });
}
