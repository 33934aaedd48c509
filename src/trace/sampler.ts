import { isSpanContextValid, trace, TraceFlags, type Context } from '@opentelemetry/api';
import { SamplingDecision, type Sampler, type SamplingResult } from './types';

/**
 * Whether the session with this id is recorded at `sampleRate`. A pure function of the id, so every
 * tab and every page load of the session decide alike without storing anything more, and lowering
 * the rate only drops sessions (a session recorded at 0.1 is also recorded at 0.5).
 */
export function isSessionSampled(sessionId: string, sampleRate: number): boolean {
  if (sampleRate >= 1) return true;
  if (sampleRate <= 0) return false;
  // 52 random bits of the id as a fraction in [0, 1): exact in a double.
  const fraction = parseInt(sessionId.slice(0, 13), 16) / 2 ** 52;
  return fraction < sampleRate;
}

/**
 * Records all spans of a sampled session and none of an unsampled one. Spans of an unsampled session
 * are non-recording but keep valid trace and span ids, so `traceparent` still goes out (flags `00`) and
 * backends can decide for themselves. A span with a local parent follows the parent, so a trace that
 * straddles a session rotation stays whole.
 */
export class SessionSampler implements Sampler {
  constructor(private readonly _isSampled: () => boolean) {}

  shouldSample(context: Context): SamplingResult {
    const parent = trace.getSpanContext(context);
    if (parent && isSpanContextValid(parent) && !parent.isRemote) {
      return { decision: parent.traceFlags & TraceFlags.SAMPLED ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
    }
    return { decision: this._isSampled() ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
  }

  toString(): string {
    return 'SessionSampler';
  }
}

/** The sampler for `sampleRate`, deciding by the current session (`sessionId()` is read per root span). */
export function createSampler(sampleRate: number, sessionId: () => string): Sampler {
  return new SessionSampler(() => isSessionSampled(sessionId(), sampleRate));
}
