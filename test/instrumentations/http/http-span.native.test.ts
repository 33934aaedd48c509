import { expect } from 'chai';
import { init } from '../../../src/index';
import { apiRequests, parseTraceparent, uniqueService } from '../../support/helpers';
import { useSdk } from '../../support/sdk';
import { until } from '../../support/delivery-helpers';

// Instrumented fetch and XMLHttpRequest must behave as the browser's own for every input (issue 16 item 4,
// issue 15's header items): the same results and rejections, every span they start ends (at once, with an
// error, where the call fails), and exactly one valid traceparent per request, the page's own if it set one.

interface Seen {
  name: string;
  attributes: Record<string, unknown>;
  status: { code: number };
}

/** What the page gets from a call: the value's kind, or the error's name. */
async function outcome(call: () => unknown): Promise<string> {
  try {
    const value = await call();
    return `ok:${(value as Response)?.status ?? typeof value}`;
  } catch (error) {
    return `error:${(error as Error).name}`;
  }
}

describe('fetch and XHR instrumentations behave as native', () => {
  const sdk = useSdk('http-span.native');
  let seen: Seen[];
  const nativeFetch = window.fetch;
  const nativeSend = XMLHttpRequest.prototype.send;

  beforeEach(() => {
    seen = [];
    sdk.otel = init({
      endpoint: `${sdk.servers.receiver}/v1/traces`,
      serviceName: uniqueService('http-native'),
      propagateTo: [sdk.servers.api],
      beforeSend: (span) => {
        seen.push(span as unknown as Seen);
        return span;
      },
    });
    expect(window.fetch, 'fetch is instrumented').to.not.equal(nativeFetch);
    expect(XMLHttpRequest.prototype.send, 'XHR is instrumented').to.not.equal(nativeSend);
  });
  /** The exported span whose url.full ends with `id=<id>`, once it has ended (the flush exports ended spans only). */
  const spanFor = (id: string) =>
    until(`span ${id}`, async () => {
      await sdk.otel!.forceFlush();
      return seen.find((x) => String(x.attributes['url.full']).endsWith(`id=${id}`));
    });

  it('rejects fetch() without arguments and fetch(url, "str") with the native TypeError', async () => {
    const args: [string, unknown][] = [
      ['no-args', []],
      ['string-init', ['/echo?id=string-init', 'str']],
      ['number-init', ['/echo?id=number-init', 5]],
    ];
    for (const [name, list] of args) {
      const native = await outcome(() => (nativeFetch as (...a: unknown[]) => unknown).apply(window, list as unknown[]));
      const traced = await outcome(() => (window.fetch as (...a: unknown[]) => unknown).apply(window, list as unknown[]));
      expect(traced, name).to.equal(native);
      expect(traced, name).to.equal('error:TypeError');
    }
    // The rejected calls' spans ended with an error, not left open for page hide.
    for (const id of ['string-init', 'number-init']) expect((await spanFor(id)).status.code, id).to.equal(2);
  });

  it('rejects bad headers like native and ends their spans at once with an error', async () => {
    const cases: [string, unknown][] = [
      ['headers-number', 5],
      ['headers-name', { 'bad name': 'x' }],
      ['headers-value', { 'x-ok': 'a\r\nb' }],
    ];
    for (const [id, headers] of cases) {
      for (const base of ['', sdk.servers.api]) {
        const url = `${base}/echo?id=${id}${base ? '-api' : ''}`;
        const native = await outcome(() => nativeFetch(url, { headers } as RequestInit));
        const traced = await outcome(() => fetch(url, { headers } as RequestInit));
        expect(traced, url).to.equal(native);
        expect(traced, url).to.equal('error:TypeError');
      }
    }
    for (const [id] of cases) {
      for (const suffix of ['', '-api']) {
        const span = await spanFor(id + suffix);
        expect(span.status.code, id).to.equal(2);
        expect(span.attributes['otel_browser.ended_by'], id).to.equal(undefined);
      }
    }
  });

  it('stringifies a fetch input once, and the header decision uses that value', async () => {
    let calls = 0;
    // First value: an allowed origin; any later value: the never-allowed one.
    const input = { toString: () => (calls++ === 0 ? `${sdk.servers.api}/echo?id=tostring-once` : `${sdk.servers.other}/echo?id=tostring-once`) };
    const response = await fetch(input as unknown as string);
    expect(response.status).to.equal(200);
    expect(calls).to.equal(1);
    const { api, other } = await apiRequests();
    expect(
      other.some((r) => r.query.id === 'tostring-once'),
      'went to the first value',
    ).to.equal(false);
    const received = api.find((r) => r.query.id === 'tostring-once')!;
    expect(parseTraceparent(received.headers.traceparent)).to.not.equal(undefined);
  });

  it('keeps the page’s own traceparent (fetch and XHR): one valid header, the page’s', async () => {
    const own = '00-11111111111111111111111111111111-2222222222222222-01';
    await fetch(`${sdk.servers.api}/echo?id=own-fetch`, { headers: { traceparent: own } });
    const xhr = new XMLHttpRequest();
    xhr.open('GET', `${sdk.servers.api}/echo?id=own-xhr`);
    xhr.setRequestHeader('traceparent', own);
    await new Promise((resolve) => {
      xhr.onloadend = resolve;
      xhr.send();
    });
    const { api } = await apiRequests();
    for (const id of ['own-fetch', 'own-xhr']) {
      const received = api.find((r) => r.query.id === id)!;
      expect(received.headers.traceparent, id).to.equal(own);
      // The request is still traced.
      expect((await spanFor(id)).name, id).to.equal('GET');
    }
  });

  it('records the XHR URL only after open succeeds: a throwing open leaves the previous request', async () => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', `${sdk.servers.other}/echo?id=open-throws`);
    expect(() => xhr.open('CONNECT', '/echo?id=same-origin')).to.throw();
    expect(() => xhr.open('in valid', '/echo?id=same-origin')).to.throw();
    await new Promise((resolve) => {
      xhr.onloadend = resolve;
      xhr.send();
    });
    const received = (await apiRequests()).other.find((r) => r.query.id === 'open-throws')!;
    expect(received, 'the request went to the URL opened first').to.not.equal(undefined);
    expect(received.headers.traceparent, 'no header to a never-allowed origin').to.equal(undefined);
    const span = await spanFor('open-throws');
    expect(String(span.attributes['url.full'])).to.contain(sdk.servers.other);
  });

  it('throws like native on a second XHR send() and leaves no span open', async () => {
    const errors: string[] = [];
    for (const send of [nativeSend, XMLHttpRequest.prototype.send]) {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', `/slow?ms=300&id=send-twice-${send === nativeSend ? 'native' : 'traced'}`);
      const done = new Promise((resolve) => (xhr.onloadend = resolve));
      send.call(xhr);
      try {
        send.call(xhr);
        errors.push('none');
      } catch (error) {
        errors.push((error as Error).name);
      }
      await done;
    }
    expect(errors[1]).to.equal(errors[0]);
    expect(errors[1]).to.equal('InvalidStateError');
    const span = await spanFor('send-twice-traced');
    expect(span.attributes['http.response.status_code'], 'the request’s own span, ended at its response').to.equal(200);
    expect(seen.filter((x) => String(x.attributes['url.full']).endsWith('id=send-twice-traced')).length, 'one span').to.equal(1);
  });

  it('throws like native on send() before open() and starts no span', () => {
    const xhr = new XMLHttpRequest();
    expect(() => xhr.send())
      .to.throw()
      .with.property('name', 'InvalidStateError');
  });
});
