import { expect } from 'chai';
import { parseTraceparent, servers, uniqueService, waitForSpans, type Servers } from './helpers';

interface FrameWindow extends Window {
  OtelBrowser?: { init: (config: unknown) => { forceFlush(): Promise<void> }; version: string };
}

/** Loads a blank page in an iframe and adds script tags with the given data-* attributes, in order. */
async function frameWithScripts(scripts: Record<string, string>[]): Promise<FrameWindow> {
  const frame = document.createElement('iframe');
  frame.src = '/test/fixtures/blank.html';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as FrameWindow;
  for (const data of scripts) {
    const script = win.document.createElement('script');
    script.src = '/dist/otel-browser.min.js';
    for (const [key, value] of Object.entries(data)) script.setAttribute(`data-${key}`, value);
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    win.document.head.append(script);
    await loaded;
  }
  return win;
}

describe('the script-tag bundle (dist/otel-browser.min.js)', () => {
  let s: Servers;
  before(async () => {
    s = await servers();
  });

  it('traces the page from data-* attributes alone, propagating where data-propagate-to allows', async () => {
    const service = uniqueService('script-tag');
    const win = await frameWithScripts([{ endpoint: `${s.receiver}/v1/traces`, 'service-name': service, 'propagate-to': `https://nowhere.example, ${s.api}` }]);
    const response = await win.fetch(`${s.api}/items?id=script-tag`).then((r) => r.json());
    expect(response.ok).to.equal(true);
    const spans = await waitForSpans(service, (all) => all.some((x) => String(x.attributes['url.full']).includes('id=script-tag')) && all.some((x) => x.name === 'documentLoad'));
    expect(spans.find((x) => x.name === 'documentLoad')!.resource['service.name']).to.equal(service);
    expect(typeof win.OtelBrowser?.init).to.equal('function');
  });

  it('instruments once when the script is loaded twice', async () => {
    const service = uniqueService('twice-tag');
    const data = { endpoint: `${s.receiver}/v1/traces`, 'service-name': service };
    const win = await frameWithScripts([data, data]);
    const echoed = await win.fetch('/echo?id=twice-tag').then((r) => r.json());
    expect(parseTraceparent(echoed.headers.traceparent)).to.not.equal(undefined);
    const spans = await waitForSpans(service, (all) => all.some((x) => String(x.attributes['url.full']).includes('id=twice-tag')));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const again = await waitForSpans(service, () => true);
    expect(again.filter((x) => String(x.attributes['url.full']).includes('id=twice-tag')).length).to.equal(1);
    expect(spans.length).to.be.greaterThan(0);
  });

  it('without data-endpoint defines OtelBrowser and waits for OtelBrowser.init()', async () => {
    const service = uniqueService('manual');
    const win = await frameWithScripts([{}]);
    const echoedBefore = await win.fetch('/echo?id=before-init').then((r) => r.json());
    expect(echoedBefore.headers.traceparent).to.equal(undefined);
    const otel = win.OtelBrowser!.init({ endpoint: `${s.receiver}/v1/traces`, serviceName: service });
    await win.fetch('/echo?id=after-init');
    await otel.forceFlush();
    await waitForSpans(service, (all) => all.some((x) => String(x.attributes['url.full']).includes('id=after-init')));
  });

  it('reports bad data-* config once and leaves the page alone', async () => {
    const errors: string[] = [];
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/blank.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as FrameWindow & typeof globalThis;
    win.console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    const originalFetch = win.fetch;
    const script = win.document.createElement('script');
    script.src = '/dist/otel-browser.min.js';
    script.dataset.endpoint = 'collector.example.com';
    script.dataset.serviceName = 'bad';
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    win.document.head.append(script);
    await loaded;
    expect(errors.length).to.equal(1);
    expect(errors[0]).to.match(/^\[otel-browser\].*endpoint.*"collector\.example\.com"/);
    expect(win.fetch).to.equal(originalFetch);
  });

  // The loading the README recommends: `defer`, before the app's own scripts. Deferred scripts run in
  // document order once the page is parsed, so the app's requests are traced and inline scripts that
  // run during parsing are not (the README says so). An srcdoc page's own origin is opaque, so the
  // test server's origin is named in data-propagate-to.
  it('with defer, traces the requests of the app scripts deferred after it, not of inline scripts before', async () => {
    const service = uniqueService('defer-tag');
    const app = URL.createObjectURL(
      new Blob(["window.appEcho = fetch('/echo?id=deferred-app').then((r) => r.json());"], { type: 'text/javascript' }),
    );
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html><head>
<script defer src="/dist/otel-browser.min.js" data-endpoint="${s.receiver}/v1/traces" data-service-name="${service}" data-propagate-to="${location.origin}"></script>
<script defer src="${app}"></script>
</head><body><p>deferred</p>
<script>window.inlineEcho = fetch('/echo?id=inline-early').then((r) => r.json());</script>
</body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as FrameWindow & { appEcho?: Promise<{ headers: Record<string, string> }>; inlineEcho?: Promise<{ headers: Record<string, string> }> };
    expect(typeof win.OtelBrowser?.init).to.equal('function');
    const [appEcho, inlineEcho] = await Promise.all([win.appEcho, win.inlineEcho]);
    expect(parseTraceparent(appEcho!.headers.traceparent)).to.not.equal(undefined);
    expect(inlineEcho!.headers.traceparent).to.equal(undefined);
    const spans = await waitForSpans(service, (all) => all.some((x) => String(x.attributes['url.full']).includes('id=deferred-app')));
    expect(spans.some((x) => x.name !== 'resourceFetch' && String(x.attributes['url.full']).includes('id=inline-early'))).to.equal(false);
    URL.revokeObjectURL(app);
  });
});
