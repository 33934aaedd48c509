import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import type { BrowserInstrumentation } from './types';
import { enableUpstream } from './upstream';

/**
 * The page load: a `documentLoad` span with the navigation timings, a `documentFetch` child, and one
 * `resourceFetch` child per resource the page loaded before `load`.
 */
export const documentLoadInstrumentation: BrowserInstrumentation = {
  name: 'documentLoad',
  setup({ tracerProvider }, options) {
    const instrumentation = new DocumentLoadInstrumentation({
      enabled: false,
      ignoreNetworkEvents: options.networkEvents === false,
      ignorePerformancePaintEvents: options.paintEvents === false,
    });
    return enableUpstream(instrumentation, tracerProvider);
  },
};
