import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request';
import type { BrowserInstrumentation } from './types';
import { createResponseLinker } from './server-timing';
import { asUpstreamPattern, enableUpstream } from './upstream';

/** `XMLHttpRequest` calls as CLIENT spans, with `traceparent` only where the request policy allows it. */
export const xhrInstrumentation: BrowserInstrumentation = {
  name: 'xhr',
  setup({ tracerProvider, policy, window }, options) {
    const serverLinks = createResponseLinker(window);
    const instrumentation = new XMLHttpRequestInstrumentation({
      enabled: false,
      ignoreUrls: [asUpstreamPattern(policy.isIgnored)],
      propagateTraceHeaderCorsUrls: [asUpstreamPattern(policy.shouldPropagate)],
      ignoreNetworkEvents: options.networkEvents === false,
      // Server-Timing back-link (see server-timing.ts), added when the response is in and before the span ends.
      // getAllResponseHeaders lists only readable headers; getResponseHeader would log an error for unexposed ones.
      applyCustomAttributesOnSpan(span, xhr) {
        serverLinks.link(span, xhr.responseURL, () => /^server-timing:\s*(.*)$/im.exec(xhr.getAllResponseHeaders())?.[1] ?? null);
      },
    });
    return enableUpstream(instrumentation, tracerProvider, [[window.XMLHttpRequest.prototype, ['open', 'send']]]);
  },
};
