import { SpanStatusCode } from '@opentelemetry/api';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import type { BrowserInstrumentation } from './types';
import { asUpstreamPattern, enableUpstream } from './upstream';

/** `fetch()` calls as CLIENT spans, with `traceparent` only where the request policy allows it. */
export const fetchInstrumentation: BrowserInstrumentation = {
  name: 'fetch',
  setup({ tracerProvider, policy, window }, options) {
    const instrumentation = new FetchInstrumentation({
      enabled: false,
      ignoreUrls: [asUpstreamPattern(policy.isIgnored)],
      propagateTraceHeaderCorsUrls: [asUpstreamPattern(policy.shouldPropagate)],
      ignoreNetworkEvents: options.networkEvents === false,
      applyCustomAttributesOnSpan(span, _request, result) {
        // Upstream leaves a network failure (no response at all) without an error status.
        if (result instanceof Error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: result.message });
          span.setAttribute(ATTR_ERROR_TYPE, result.name || 'Error');
        }
      },
    });
    return enableUpstream(instrumentation, tracerProvider, [[window, ['fetch']]]);
  },
};
