// Elastic RUM as its docs set it up (`init({ serviceName, serverUrl })`, defaults otherwise: page load,
// fetch, XHR, clicks, errors), bundled by esbuild. Its own protocol: `serverUrl` + /intake/v2/rum/events.
import { init as initApm } from '@elastic/apm-rum';

let apm;
window.BenchSdk = {
  // `endpoint` only says whether the collector is reachable: Elastic posts to its own path on that origin.
  init({ endpoint, serviceName }) {
    apm = initApm({ serviceName, serverUrl: new URL(endpoint, location.href).origin });
    return {};
  },
  /** The memory probe's unit of work: Elastic has no OpenTelemetry tracer, so one ended transaction with one HTTP span. */
  makeSpan(i) {
    const transaction = apm.startTransaction(`GET /api/m/${i}`, 'http-request', { managed: false });
    const span = transaction?.startSpan(`GET /api/m/${i}`, 'external.http');
    span?.end();
    transaction?.end();
  },
};
