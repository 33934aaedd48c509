// The comparison: the same instrumentations wired by hand from the plain upstream OpenTelemetry
// packages, as their READMEs show (no zone.js). Exposes `window.UpstreamOtel.init(config)`.
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web';

function init({ endpoint, serviceName }) {
  const provider = new WebTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
  });
  provider.register();
  // The exporter's own requests must not become spans (the upstream docs' advice).
  const ignoreUrls = [new URL(endpoint, location.href).href];
  registerInstrumentations({
    instrumentations: [
      new DocumentLoadInstrumentation(),
      new FetchInstrumentation({ ignoreUrls, propagateTraceHeaderCorsUrls: [] }),
      new XMLHttpRequestInstrumentation({ ignoreUrls, propagateTraceHeaderCorsUrls: [] }),
    ],
  });
  return { forceFlush: () => provider.forceFlush() };
}

window.UpstreamOtel = { init, trace };
