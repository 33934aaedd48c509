import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { receiverRequests, type ReceivedSpan } from '../support/helpers';
import { useSdk } from '../support/sdk';

const urlOf = (span: ReceivedSpan) => String(span.attributes['url.full']);

/** What the issue saw leak, span by span, through a real receiver: none of the `LEAK` values may arrive. */
describe('redaction of exported spans: the shapes that leaked', () => {
  const sdk = useSdk('redaction-spans');

  it('nested URLs, matrix and ";" parameters, numbered names and comma-joined URLs in request URLs', async () => {
    sdk.start({ propagateTo: [sdk.servers.api], instrumentations: { documentLoad: false } });
    const urls = [
      `${sdk.servers.api}/items?id=nested&redirect=https://x.test/cb?token=LEAK1&y=1`,
      `${sdk.servers.api}/items?id=encoded&next=${encodeURIComponent('/reset?token=LEAK2')}`,
      `${sdk.servers.api}/items;jsessionid=LEAK3?id=matrix`,
      `${sdk.servers.api}/items?id=semicolon&a=1;token=LEAK4`,
      `${sdk.servers.api}/items?id=numbered&token1=LEAK5`,
      `${sdk.servers.api}/items?id=comma&u=https://a.test/?q=1,https://b.test/?sig=LEAK6`,
    ];
    for (const url of urls) await fetch(url).catch(() => undefined);
    const spans = await sdk.spans((all) =>
      urls.every((_, i) => all.some((x) => urlOf(x).includes(['nested', 'encoded', 'matrix', 'semicolon', 'numbered', 'comma'][i]))),
    );
    expect(spans.map(urlOf)).to.include.members([
      `${sdk.servers.api}/items?id=nested&redirect=https://x.test/cb?token=REDACTED&y=1`,
      `${sdk.servers.api}/items?id=encoded&next=${encodeURIComponent('/reset?token=REDACTED')}`,
      `${sdk.servers.api}/items;jsessionid=REDACTED?id=matrix`,
      `${sdk.servers.api}/items?id=semicolon&a=1;token=REDACTED`,
      `${sdk.servers.api}/items?id=numbered&token1=REDACTED`,
    ]);
    await sdk.otel!.forceFlush();
    expect(JSON.stringify(await receiverRequests(sdk.service))).to.not.contain('LEAK');
  });

  it('credentials and secret URLs inside exception events, status messages, string and event attributes', async () => {
    sdk.start({ instrumentations: { documentLoad: false } });
    const span = trace
      .getTracer('app')
      .startSpan('text-span', { attributes: { note: 'url=https://dave:LEAK7@h.test/x', list: ['see https://h.test/?api_key=LEAK8'] } });
    span.recordException(new Error('failed:https://bob:LEAK9@h.test/p?x=1'));
    span.addEvent('retry', { target: 'https://h.test/r#access_token=LEAK10&state=/d?tab=1' });
    span.setStatus({ code: 2, message: 'see,https://carol:LEAK11@h.test/' });
    span.end();
    const [received] = await sdk.spans((all) => all.some((x) => x.name === 'text-span'));
    expect(received.attributes.note).to.equal('url=https://h.test/x');
    expect(received.events.find((e) => e.name === 'exception')!.attributes['exception.message']).to.equal('failed:https://h.test/p?x=1');
    expect(received.events.find((e) => e.name === 'retry')!.attributes.target).to.equal('https://h.test/r#access_token=REDACTED&state=/d?tab=1');
    expect(received.status.message).to.equal('see,https://h.test/');
    expect(JSON.stringify(await receiverRequests(sdk.service))).to.not.contain('LEAK');
  });

  it('a page URL whose fragment holds a token and a "?" (url.full and browser.document.url.full on every span)', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/blank.html?r=1&token=LEAK12#access_token=LEAK13&state=/dash?tab=1';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const script = frame.contentDocument!.createElement('script');
    script.src = '/dist/otel-browser.min.js';
    Object.assign(script.dataset, { endpoint: `${sdk.servers.receiver}/v1/traces`, serviceName: sdk.service });
    frame.contentDocument!.head.append(script);
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'documentLoad'));
    const page = new URL('/test/fixtures/blank.html', location.href).href;
    expect(spans.find((x) => x.name === 'documentLoad')!.attributes['url.full']).to.equal(`${page}?r=1&token=REDACTED#access_token=REDACTED&state=/dash?tab=1`);
    for (const span of spans) expect(String(span.attributes['browser.document.url.full'] ?? '')).to.not.contain('LEAK');
    expect(JSON.stringify(await receiverRequests(sdk.service))).to.not.contain('LEAK');
    frame.remove();
  });
});
