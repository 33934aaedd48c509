import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import type { Config } from '../../src/config';
import type { OtelBrowserHandle } from '../../src/sdk/handle';
import { apiRequests, receiverRequests, type ReceivedSpan } from '../support/helpers';
import { useSdk } from '../support/sdk';

const urlOf = (span: ReceivedSpan) => String(span.attributes['url.full']);

describe('redaction of what the SDK records', () => {
  const sdk = useSdk('privacy-redaction');

  function start(extra: Partial<Config> = {}): OtelBrowserHandle {
    return sdk.start({ propagateTo: [sdk.servers.api], instrumentations: { documentLoad: false }, ...extra });
  }

  it('never sends a secret from a fetch or XHR URL to the collector, while the request itself is unchanged', async () => {
    start();
    await fetch(`${sdk.servers.api}/items?id=secret-fetch&access_token=SECRET-A1&apiKey=SECRET-A2`);
    await new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', `${sdk.servers.api}/items?id=secret-xhr&password=SECRET-A3`);
      xhr.onloadend = resolve;
      xhr.send();
    });
    const spans = await sdk.spans((all) => all.some((x) => urlOf(x).includes('secret-fetch')) && all.some((x) => urlOf(x).includes('secret-xhr')));
    expect(spans.map(urlOf)).to.include.members([
      `${sdk.servers.api}/items?id=secret-fetch&access_token=REDACTED&apiKey=REDACTED`,
      `${sdk.servers.api}/items?id=secret-xhr&password=REDACTED`,
    ]);
    await sdk.otel!.forceFlush();
    // Whatever the attribute (url.full, resource timing events, ...), no byte of the secret got out.
    const everything = JSON.stringify(await receiverRequests(sdk.service));
    expect(everything).to.not.contain('SECRET-A');
    // Redaction is about telemetry only: the page's request went out as the page wrote it.
    const sent = (await apiRequests()).api.find((r) => r.query.id === 'secret-fetch')!;
    expect(sent.query.access_token).to.equal('SECRET-A1');
  });

  it('strips user info and redacts URLs inside span names, status messages and exception events', async () => {
    start();
    await fetch('http://ann:SECRET-B1@127.0.0.1:9/login').catch(() => undefined);
    const span = trace.getTracer('app').startSpan('GET https://pay.example/charge?signature=SECRET-B2');
    span.recordException(new Error('upstream https://pay.example/charge?token=SECRET-B3 answered 502'));
    span.setStatus({ code: 2, message: 'see /charge?client_secret=SECRET-B4' });
    span.end();
    const spans = await sdk.spans((all) => all.some((x) => x.name.startsWith('GET https://pay.example')) && all.some((x) => urlOf(x).includes('/login')));
    expect(spans.find((x) => urlOf(x).includes('/login'))!.attributes['url.full']).to.equal('http://127.0.0.1:9/login');
    const manual = spans.find((x) => x.name.startsWith('GET https://pay.example'))!;
    expect(manual.name).to.equal('GET https://pay.example/charge?signature=REDACTED');
    expect(manual.events[0].attributes['exception.message']).to.equal('upstream https://pay.example/charge?token=REDACTED answered 502');
    expect(manual.status.message).to.equal('see /charge?client_secret=REDACTED');
    expect(JSON.stringify(await receiverRequests(sdk.service))).to.not.contain('SECRET-B');
  });

  it('redacts the page URL and resource URLs of the page load', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/blank.html?ref=mail&token=SECRET-C1#access_token=SECRET-C2&state=ok';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const script = frame.contentDocument!.createElement('script');
    script.src = '/dist/otel-browser.min.js?sig=SECRET-C3';
    script.dataset.endpoint = `${sdk.servers.receiver}/v1/traces`;
    script.dataset.serviceName = sdk.service;
    frame.contentDocument!.head.append(script);
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'documentLoad') && all.some((x) => urlOf(x).includes('otel-browser.min.js')));
    const page = new URL('/test/fixtures/blank.html', location.href).href;
    expect(spans.find((x) => x.name === 'documentLoad')!.attributes['url.full']).to.equal(`${page}?ref=mail&token=REDACTED#access_token=REDACTED&state=ok`);
    expect(spans.filter((x) => x.name === 'resourceFetch').map(urlOf)).to.include(new URL('/dist/otel-browser.min.js?sig=REDACTED', location.href).href);
    expect(JSON.stringify(await receiverRequests(sdk.service))).to.not.contain('SECRET-C');
    frame.remove();
  });

  it('redacts extra parameter names given in redactQueryParams', async () => {
    start({ redactQueryParams: ['order_ref'] });
    await fetch(`${sdk.servers.api}/items?id=extra-names&orderRef=SECRET-D1&token=SECRET-D2`);
    const spans = await sdk.spans((all) => all.some((x) => urlOf(x).includes('extra-names')));
    expect(spans.map(urlOf)).to.include(`${sdk.servers.api}/items?id=extra-names&orderRef=REDACTED&token=REDACTED`);
  });

  it('with redactQueryParams: false keeps query values, still without user info', async () => {
    start({ redactQueryParams: false });
    await fetch(`${sdk.servers.api}/items?id=no-redaction&token=visible`);
    await fetch('http://ann:SECRET-E1@127.0.0.1:9/x?token=visible').catch(() => undefined);
    const spans = await sdk.spans((all) => all.some((x) => urlOf(x).includes('no-redaction')) && all.some((x) => urlOf(x).includes(':9/x')));
    expect(spans.map(urlOf)).to.include.members([`${sdk.servers.api}/items?id=no-redaction&token=visible`, 'http://127.0.0.1:9/x?token=visible']);
  });

  it('a function in redactQueryParams replaces the defaults', async () => {
    start({ redactQueryParams: (defaults) => defaults.filter((name) => name !== 'code') });
    await fetch(`${sdk.servers.api}/items?id=replace-defaults&country_code=NL&token=SECRET-F1`);
    const spans = await sdk.spans((all) => all.some((x) => urlOf(x).includes('replace-defaults')));
    expect(spans.map(urlOf)).to.include(`${sdk.servers.api}/items?id=replace-defaults&country_code=NL&token=REDACTED`);
  });
});
