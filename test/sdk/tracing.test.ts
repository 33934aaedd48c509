import { context, trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { apiRequests, parseTraceparent, receiverRequests, sleep } from '../support/helpers';
import { useSdk } from '../support/sdk';

const CLIENT = 3; // OTLP SpanKind
const INTERNAL = 1;

function xhr(method: string, url: string): Promise<XMLHttpRequest> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    request.onloadend = () => resolve(request);
    request.send();
  });
}

describe('tracing fetch, XHR and the page load', () => {
  const sdk = useSdk('tracing');

  beforeEach(() => {
    sdk.start({ serviceVersion: '1.4.2', environment: 'test', propagateTo: [sdk.servers.api], attributes: { 'app.tenant': 'acme' } });
  });

  it('records a fetch as a CLIENT span with the stable HTTP attributes and the resource', async () => {
    const url = `${sdk.servers.api}/items?id=fetch-attrs`;
    const response = await fetch(url);
    expect(response.status).to.equal(200);
    const spans = await sdk.spans((all) => all.some((x) => x.attributes['url.full'] === url));
    const span = spans.find((x) => x.attributes['url.full'] === url)!;
    expect(span.kind).to.equal(CLIENT);
    expect(span.attributes['http.request.method']).to.equal('GET');
    expect(span.attributes['server.address']).to.equal('127.0.0.1');
    expect(span.attributes['http.response.status_code']).to.equal(200);
    expect(span.attributes['app.tenant']).to.equal('acme');
    expect(span.resource['service.name']).to.equal(sdk.service);
    expect(span.resource['service.version']).to.equal('1.4.2');
    expect(span.resource['deployment.environment.name']).to.equal('test');
    expect(span.resource['telemetry.sdk.language']).to.equal('webjs');
    // Our own tracer made the span: the specification asks such an SDK to give its own name.
    expect(span.resource['telemetry.sdk.name']).to.equal('otel-browser');
    expect(span.resource['telemetry.sdk.version']).to.equal(span.resource['telemetry.distro.version']);
    expect(span.resource['user_agent.original']).to.equal(navigator.userAgent);
  });

  it('puts the client span id in traceparent for an allowed cross-origin fetch', async () => {
    await fetch(`${sdk.servers.api}/items?id=allowed-fetch`);
    const request = (await apiRequests()).api.find((r) => r.query.id === 'allowed-fetch')!;
    const header = parseTraceparent(request.headers.traceparent);
    expect(header, 'traceparent').to.not.equal(undefined);
    const spans = await sdk.spans((all) => all.some((x) => x.spanId === header!.spanId));
    const span = spans.find((x) => x.spanId === header!.spanId)!;
    expect(span.traceId).to.equal(header!.traceId);
    expect(span.attributes['url.full']).to.equal(`${sdk.servers.api}/items?id=allowed-fetch`);
  });

  it('sends traceparent to the page origin', async () => {
    const body = await (await fetch('/echo')).json();
    expect(parseTraceparent(body.headers.traceparent)).to.not.equal(undefined);
  });

  it('sends no trace header to an origin that is not allowed', async () => {
    await fetch(`${sdk.servers.other}/items?id=not-allowed-fetch`);
    await xhr('GET', `${sdk.servers.other}/items?id=not-allowed-xhr`);
    const { other } = await apiRequests();
    for (const id of ['not-allowed-fetch', 'not-allowed-xhr']) {
      const request = other.find((r) => r.query.id === id)!;
      expect(request, id).to.not.equal(undefined);
      expect(request.headers.traceparent, id).to.equal(undefined);
      expect(request.headers.tracestate, id).to.equal(undefined);
    }
    // The request is still traced, just not propagated.
    await sdk.spans((all) => all.some((x) => String(x.attributes['url.full']).includes('not-allowed-fetch')));
  });

  it('records an XHR as a CLIENT span and propagates to an allowed origin', async () => {
    const url = `${sdk.servers.api}/items?id=allowed-xhr`;
    const request = await xhr('POST', url);
    expect(request.status).to.equal(200);
    const received = (await apiRequests()).api.find((r) => r.query.id === 'allowed-xhr')!;
    const header = parseTraceparent(received.headers.traceparent);
    expect(header).to.not.equal(undefined);
    const spans = await sdk.spans((all) => all.some((x) => x.attributes['url.full'] === url));
    const span = spans.find((x) => x.attributes['url.full'] === url)!;
    expect(span.kind).to.equal(CLIENT);
    expect(span.spanId).to.equal(header!.spanId);
    expect(span.attributes['http.request.method']).to.equal('POST');
    expect(span.attributes['http.response.status_code']).to.equal(200);
  });

  it('marks failed requests with error.type and an error status', async () => {
    await fetch(`${sdk.servers.api}/status/503?id=fetch-503`);
    await xhr('GET', `${sdk.servers.api}/status/500?id=xhr-500`);
    await fetch('http://127.0.0.1:9/unreachable').catch(() => undefined);
    const spans = await sdk.spans((all) => all.filter((x) => x.status.code === 2).length >= 3);
    const byUrl = (part: string) => spans.find((x) => String(x.attributes['url.full']).includes(part))!;
    expect(byUrl('fetch-503').attributes['error.type']).to.equal('503');
    expect(byUrl('xhr-500').attributes['error.type']).to.equal('500');
    expect(byUrl('unreachable').attributes['error.type']).to.equal('TypeError');
  });

  it('parents a request to the active span', async () => {
    const tracer = trace.getTracer('test');
    const parent = tracer.startSpan('checkout');
    await context.with(trace.setSpan(context.active(), parent), () => fetch(`${sdk.servers.api}/items?id=child`));
    parent.end();
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'checkout') && all.some((x) => String(x.attributes['url.full']).includes('id=child')));
    const child = spans.find((x) => String(x.attributes['url.full']).includes('id=child'))!;
    expect(child.parentSpanId).to.equal(parent.spanContext().spanId);
    expect(child.traceId).to.equal(parent.spanContext().traceId);
  });

  it('records the page load with its document fetch and resources', async () => {
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'documentLoad') && all.some((x) => x.name === 'resourceFetch'));
    const load = spans.find((x) => x.name === 'documentLoad')!;
    const documentFetch = spans.find((x) => x.name === 'documentFetch')!;
    expect(load.kind).to.equal(INTERNAL);
    expect(documentFetch.parentSpanId).to.equal(load.spanId);
    // The test page's own `wtr-session-id` parameter is a session id: redacted by default.
    expect(load.attributes['url.full']).to.equal(location.href.replace(/(wtr-session-id=)[^&#]+/, '$1REDACTED'));
    expect(load.events.map((e) => e.name)).to.include('domContentLoadedEventEnd');
    const resources = spans.filter((x) => x.name === 'resourceFetch');
    expect(resources.every((r) => r.parentSpanId === load.spanId)).to.equal(true);
    expect(resources.some((r) => String(r.attributes['url.full']).includes('tracing.test'))).to.equal(true);
  });

  it('exports OTLP JSON by POST without credentials, and never traces or propagates to the endpoint', async () => {
    await fetch(`${sdk.servers.api}/items?id=export-check`);
    await sdk.otel!.forceFlush();
    const requests = await receiverRequests(sdk.service);
    expect(requests.length).to.be.greaterThan(0);
    for (const request of requests) {
      expect(request.headers['content-type']).to.equal('application/json');
      expect(request.headers.traceparent).to.equal(undefined);
      expect(request.headers.cookie).to.equal(undefined);
    }
    await sleep(1200); // a second export would carry spans of the first export's request, if it were traced
    await sdk.otel!.forceFlush();
    const spans = (await receiverRequests(sdk.service)).flatMap((r) => r.spans);
    expect(spans.filter((x) => String(x.attributes['url.full']).startsWith(sdk.servers.receiver))).to.deep.equal([]);
  });

  it('adds attributes set later with setAttributes() to new spans', async () => {
    sdk.otel!.setAttributes({ 'user.plan': 'gold', 'app.tenant': undefined });
    await fetch(`${sdk.servers.api}/items?id=set-attributes`);
    const spans = await sdk.spans((all) => all.some((x) => String(x.attributes['url.full']).includes('set-attributes')));
    const span = spans.find((x) => String(x.attributes['url.full']).includes('set-attributes'))!;
    expect(span.attributes['user.plan']).to.equal('gold');
    expect(span.attributes['app.tenant']).to.equal(undefined);
  });
});
