// OpenTelemetry for the demo's Node services. Loaded with `node --import ./tracing.mjs service.mjs`,
// so the HTTP instrumentation is in place before the service touches `http`: instrumentation-http
// patches the module through require-in-the-middle, which only sees `require()` calls made after
// it is registered. The services therefore get `http` through `createRequire` (see http.mjs).
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createRequire } from 'node:module';

const serviceName = process.env.OTEL_SERVICE_NAME ?? 'demo-service';
// exporter-trace-otlp-http sends OTLP JSON, which the demo receiver reads.
const exporter = new OTLPTraceExporter({ url: process.env.DEMO_TRACES_URL ?? 'http://127.0.0.1:4318/v1/traces' });
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': serviceName, 'deployment.environment.name': 'demo' }),
  // A short delay so the trace view fills in while you watch.
  spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 200 })],
});
provider.register();

const STATIC = /\.(js|css|map|ico|png)$/;
registerInstrumentations({
  tracerProvider: provider,
  instrumentations: [
    new HttpInstrumentation({
      // Static assets (the SDK script, the SPA bundle) would each start a one-span trace: noise in the view.
      ignoreIncomingRequestHook: (request) => STATIC.test(new URL(request.url ?? '/', 'http://x').pathname),
    }),
  ],
});
// Load http now, through require, so the instrumentation patches it before any service code runs.
createRequire(import.meta.url)('node:http');

/** Flushes the spans still queued, then exits: Ctrl-C must not lose the last requests. */
async function stop() {
  await provider.shutdown().catch(() => {});
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
process.once('disconnect', stop);
