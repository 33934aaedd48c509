import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request';
import type { BrowserInstrumentation } from './types';
import { asUpstreamPattern, enableUpstream } from './upstream';

/** `XMLHttpRequest` calls as CLIENT spans, with `traceparent` only where the request policy allows it. */
export const xhrInstrumentation: BrowserInstrumentation = {
  name: 'xhr',
  setup({ tracerProvider, policy, window }, options) {
    const instrumentation = new XMLHttpRequestInstrumentation({
      enabled: false,
      ignoreUrls: [asUpstreamPattern(policy.isIgnored)],
      propagateTraceHeaderCorsUrls: [asUpstreamPattern(policy.shouldPropagate)],
      ignoreNetworkEvents: options.networkEvents === false,
    });
    return enableUpstream(instrumentation, tracerProvider, [[window.XMLHttpRequest.prototype, ['open', 'send']]]);
  },
};
