import { SpanStatusCode } from '@opentelemetry/api';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import type { BrowserInstrumentation } from './types';
import { createResponseLinker } from './server-timing';
import { asUpstreamPattern, enableUpstream } from './upstream';

/** `fetch()` calls as CLIENT spans, with `traceparent` only where the request policy allows it. */
export const fetchInstrumentation: BrowserInstrumentation = {
  name: 'fetch',
  setup({ tracerProvider, policy, window }, options) {
    const serverLinks = createResponseLinker(window);
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
        // Server-Timing back-link: a link to the server span that answered (see server-timing.ts).
        // Called once the body has arrived and before the span ends, so the link can still be added.
        if (result instanceof Response) serverLinks.link(span, result.url, () => result.headers.get('server-timing'));
      },
    });
    return enableUpstream(instrumentation, tracerProvider, [[window, ['fetch']]]);
  },
};
