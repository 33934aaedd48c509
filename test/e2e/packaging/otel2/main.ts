// An app on OpenTelemetry JS 2.x (api 1.9): otel-browser from its tarball, the app's own spans through
// its own @opentelemetry/api, and an upstream instrumentation registered the OpenTelemetry way.
import { trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { LongTaskInstrumentation } from '@opentelemetry/instrumentation-long-task';
import { init } from 'otel-browser';

const otel = init({
  endpoint: '/v1/traces',
  serviceName: 'packaging-otel2',
  instrumentations: { documentLoad: false, webVitals: false },
});
registerInstrumentations({ instrumentations: [new LongTaskInstrumentation()] });
const tracer = trace.getTracer('packaging-app');

document.querySelector('#buy')!.addEventListener('click', () => tracer.startSpan('in-click').end());

/** Runs the scenario the test asserts on; the page calls nothing by itself. */
async function scenario(): Promise<void> {
  await tracer.startActiveSpan('manual', async (span) => {
    await fetch('/api?via=ours');
    span.end();
  });
  // Main-thread work over 50 ms: the upstream long-task instrumentation records it.
  const until = performance.now() + 150;
  while (performance.now() < until);
}

Object.assign(window, { scenario, flush: () => otel.forceFlush() });
