import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import type { BrowserInstrumentation } from './types';
import { documentServerSpan, linkToServerSpan } from './server-timing';
import { enableUpstream } from './upstream';

/**
 * The page load: a `documentLoad` span with the navigation timings, a `documentFetch` child, and one
 * `resourceFetch` child per resource the page loaded before `load`.
 */
export const documentLoadInstrumentation: BrowserInstrumentation = {
  name: 'documentLoad',
  setup({ tracerProvider, window }, options) {
    const instrumentation = new DocumentLoadInstrumentation({
      enabled: false,
      ignoreNetworkEvents: options.networkEvents === false,
      ignorePerformancePaintEvents: options.paintEvents === false,
      applyCustomAttributesOnSpan: {
        // Server-Timing back-link: the page load links to the server span that served the document
        // (navigation entry's Server-Timing, or <meta name="traceparent">; see server-timing.ts).
        documentLoad: (span) => void linkToServerSpan(span, documentServerSpan(window)),
      },
    });
    return enableUpstream(instrumentation, tracerProvider);
  },
};
