// An app on OpenTelemetry JS 3.x (api 1.10): otel-browser from its tarball, the app's own spans through
// its own @opentelemetry/api, and the upstream fetch instrumentation of the 0.300 line. Both wrap fetch:
// each skips the URLs meant for the other, so each one's span can be told apart.
import { trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { init } from 'otel-browser';

const otel = init({
  endpoint: '/v1/traces',
  serviceName: 'packaging-otel3',
  ignoreUrls: [/via=upstream/],
  instrumentations: { documentLoad: false, webVitals: false },
});
registerInstrumentations({ instrumentations: [new FetchInstrumentation({ ignoreUrls: [/via=ours/, /\/v1\/traces/] })] });
const tracer = trace.getTracer('packaging-app');

document.querySelector('#buy')!.addEventListener('click', () => tracer.startSpan('in-click').end());

/** Runs the scenario the test asserts on; the page calls nothing by itself. */
async function scenario(): Promise<void> {
  await tracer.startActiveSpan('manual', async (span) => {
    // Both start before the first await, so both see `manual` as the active span.
    await Promise.all([fetch('/api?via=ours'), fetch('/api?via=upstream')]);
    span.end();
  });
}

Object.assign(window, { scenario, flush: () => otel.forceFlush() });
