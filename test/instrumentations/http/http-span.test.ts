import { expect } from 'chai';
import { apiRequests, parseTraceparent, sleep } from '../../support/helpers';
import { byUrl } from '../../support/interactions-helpers';
import { useSdk } from '../../support/sdk';
import { NETWORK_EVENTS } from '../../../src/instrumentations/http/http-span';

// What our own fetch/XHR instrumentations promise beyond the attributes (test/sdk/tracing.test.ts): the
// page's Request objects and bodies are left alone, sync XHR works, and spans end at the response.

interface Seen {
  name: string;
  startTime: number;
  endTime: number;
  attributes: Record<string, unknown>;
}

describe('fetch and XHR instrumentations: request semantics and timing', () => {
  const sdk = useSdk('http-lean');
  let seen: Seen[];

  beforeEach(() => {
    seen = [];
    sdk.start({
      propagateTo: [sdk.servers.api],
      beforeSend: (span) => {
        seen.push(span as unknown as Seen);
        return span;
      },
    });
  });

  it('keeps a Request object as it was (method, body, headers, referrer policy) and adds traceparent to the request only', async () => {
    const request = new Request(`${sdk.servers.api}/items?id=request-object`, {
      method: 'POST',
      body: 'payload',
      headers: { 'content-type': 'text/plain' },
      referrerPolicy: 'no-referrer',
    });
    const response = await fetch(request);
    expect(response.status).to.equal(200);
    expect(request.headers.has('traceparent'), 'the page’s Request is not changed').to.equal(false);
    const received = (await apiRequests()).api.find((r) => r.query.id === 'request-object')!;
    expect(received.method).to.equal('POST');
    expect(received.headers['content-type']).to.equal('text/plain');
    expect(received.headers.referer, 'referrer policy kept').to.equal(undefined);
    const header = parseTraceparent(received.headers.traceparent);
    expect(header).to.not.equal(undefined);
    const spans = await sdk.spans((all) => all.some((x) => x.spanId === header!.spanId));
    expect(spans.find((x) => x.spanId === header!.spanId)!.attributes['http.request.method']).to.equal('POST');
  });

  it('leaves the response body to the page and ends the span when the headers arrive', async () => {
    const response = await fetch('/echo?id=body-untouched');
    const resolvedAt = Date.now();
    expect(response.bodyUsed).to.equal(false);
    await sleep(400);
    const body = await response.json();
    expect(parseTraceparent(body.headers.traceparent)).to.not.equal(undefined);
    await sdk.otel!.forceFlush();
    const span = seen.find((x) => String(x.attributes['url.full']).endsWith('id=body-untouched'))!;
    expect(span, 'span exported').to.not.equal(undefined);
    // Clocks differ by a few ms (performance.timeOrigin vs Date.now); 400 ms later would be the body.
    expect(span.endTime).to.be.below(resolvedAt + 100);
  });

  it('traces a synchronous XHR and still lets it work', async () => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/echo?id=sync-xhr', false);
    xhr.send();
    expect(xhr.status).to.equal(200);
    expect(parseTraceparent(JSON.parse(xhr.responseText).headers.traceparent)).to.not.equal(undefined);
    const spans = await sdk.spans((all) => all.some((x) => String(x.attributes['url.full']).endsWith('id=sync-xhr')));
    const span = spans.find((x) => String(x.attributes['url.full']).endsWith('id=sync-xhr'))!;
    expect(span.name).to.equal('GET');
    expect(span.attributes['http.response.status_code']).to.equal(200);
  });

  it('records an aborted fetch and an aborted XHR with error.type', async () => {
    const controller = new AbortController();
    const pending = fetch('/slow?ms=2000&id=abort-fetch', { signal: controller.signal }).catch((e: Error) => e.name);
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/slow?ms=2000&id=abort-xhr');
    xhr.send();
    await sleep(50);
    controller.abort();
    xhr.abort();
    expect(await pending).to.equal('AbortError');
    const spans = await sdk.spans((all) => all.filter((x) => String(x.attributes['url.full']).includes('id=abort-')).length >= 2);
    for (const id of ['abort-fetch', 'abort-xhr']) {
      const span = spans.find((x) => String(x.attributes['url.full']).endsWith(`id=${id}`))!;
      expect(span.status.code, id).to.equal(2);
      expect(span.attributes['error.type'], id).to.equal('AbortError');
    }
  });
});

describe('fetch and XHR instrumentations: network timing events', () => {
  const sdk = useSdk('http-events');

  const spanFor = async (id: string) => byUrl(await sdk.spans((all) => byUrl(all, `id=${id}`) !== undefined), `id=${id}`)!;
  const xhr = (id: string) =>
    new Promise<void>((resolve) => {
      const request = new XMLHttpRequest();
      request.open('GET', `/echo?id=${id}`);
      request.addEventListener('loadend', () => resolve());
      request.send();
    });

  it('an XHR span carries the resource timing events, in upstream order, within the span', async () => {
    sdk.start();
    await xhr('xhr-events');
    const span = await spanFor('xhr-events');
    const names = span.events.map((e) => e.name);
    expect(names, 'events recorded').to.include.members(['fetchStart', 'requestStart', 'responseStart', 'responseEnd']);
    const order = NETWORK_EVENTS.filter((name) => names.includes(name));
    expect(names, 'upstream order, each once').to.deep.equal(order);
    for (let i = 1; i < span.events.length; i++) expect(span.events[i].time, names[i]).to.be.at.least(span.events[i - 1].time);
    // Span times are whole milliseconds here; events to the microsecond.
    expect(span.events[0].time).to.be.at.least(span.start - 1);
    expect(span.events[span.events.length - 1].time).to.be.at.most(span.end + 1);
  });

  it('networkEvents: false leaves them out', async () => {
    sdk.start({ instrumentations: { xhr: { networkEvents: false } } });
    await xhr('xhr-no-events');
    const span = await spanFor('xhr-no-events');
    expect(span.events).to.deep.equal([]);
  });
});
