import { expect } from 'chai';
import { parseTraceparent, servers, uniqueService, waitForSpans, type Servers } from '../support/helpers';

interface FrameWindow extends Window {
  OtelBrowser?: { init: (config: unknown) => { forceFlush(): Promise<void> }; version: string };
}

/**
 * Loads a blank page in an iframe and adds script tags with the given data-* attributes, in order.
 * `onFrame` runs before the first script, e.g. to capture the frame's console.
 */
async function frameWithScripts(scripts: Record<string, string>[], onFrame?: (win: FrameWindow & typeof globalThis) => void): Promise<FrameWindow> {
  const frame = document.createElement('iframe');
  frame.src = '/test/fixtures/blank.html';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as FrameWindow;
  onFrame?.(win as FrameWindow & typeof globalThis);
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
    const spans = await waitForSpans(
      service,
      (all) => all.some((x) => String(x.attributes['url.full']).includes('id=script-tag')) && all.some((x) => x.name === 'documentLoad'),
    );
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

  /** Loads the bundle with these data-* attributes; returns the frame and what it printed as errors. */
  async function withErrors(data: Record<string, string>) {
    const errors: string[] = [];
    let originalFetch: typeof fetch | undefined;
    const win = (await frameWithScripts([data], (frame) => {
      frame.console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
      originalFetch = frame.fetch;
    })) as FrameWindow & typeof globalThis;
    return { win, errors, originalFetch };
  }

  it('reports bad data-* config once and leaves the page alone', async () => {
    const { win, errors, originalFetch } = await withErrors({ endpoint: 'collector.example.com', 'service-name': 'bad' });
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
    const app = URL.createObjectURL(new Blob(["window.appEcho = fetch('/echo?id=deferred-app').then((r) => r.json());"], { type: 'text/javascript' }));
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
    const win = frame.contentWindow as FrameWindow & {
      appEcho?: Promise<{ headers: Record<string, string> }>;
      inlineEcho?: Promise<{ headers: Record<string, string> }>;
    };
    expect(typeof win.OtelBrowser?.init).to.equal('function');
    const [appEcho, inlineEcho] = await Promise.all([win.appEcho, win.inlineEcho]);
    expect(parseTraceparent(appEcho!.headers.traceparent)).to.not.equal(undefined);
    expect(inlineEcho!.headers.traceparent).to.equal(undefined);
    const spans = await waitForSpans(service, (all) => all.some((x) => String(x.attributes['url.full']).includes('id=deferred-app')));
    expect(spans.some((x) => x.name !== 'resourceFetch' && String(x.attributes['url.full']).includes('id=inline-early'))).to.equal(false);
    URL.revokeObjectURL(app);
  });

  // What can never work is refused from data-* as from init(): one error, the page's fetch untouched.
  const refused: [string, Record<string, string>, RegExp][] = [
    ['a backslash endpoint', { endpoint: '/\\127.0.0.1:8102/v1/traces' }, /endpoint must be .*"\/\\\\127\.0\.0\.1:8102\/v1\/traces"/],
    ['a tab endpoint', { endpoint: '/\t/127.0.0.1:8102/v1/traces' }, /endpoint must be .*"\/\\t\/127\.0\.0\.1:8102\/v1\/traces"/],
    ['data-debug that is not a boolean', { endpoint: '/v1/traces', debug: 'yes' }, /debug must be true or false; got "yes"/],
    ['a header name that is not a token', { endpoint: '/v1/traces', headers: 'x api=1' }, /headers names must be HTTP tokens .*"x api"/],
    ['a misspelt attribute', { endpoint: '/v1/traces', 'sample-rat': '0.5' }, /sampleRat is unknown; did you mean sampleRate\?/],
  ];
  for (const [label, data, pattern] of refused) {
    it(`refuses ${label}`, async () => {
      const { win, errors, originalFetch } = await withErrors({ 'service-name': 'bad', ...data });
      expect(errors.length, errors.join('\n')).to.equal(1);
      expect(errors[0]).to.match(/^\[otel-browser\] invalid config, the SDK is off: /);
      expect(errors[0]).to.match(pattern);
      expect(win.fetch).to.equal(originalFetch);
    });
  }

  it('reads data-debug="true" and data-propagate-baggage="true" the same way: both on', async () => {
    const { win, errors } = await withErrors({
      endpoint: `${s.receiver}/v1/traces`,
      'service-name': uniqueService('flags'),
      debug: 'true',
      'propagate-baggage': 'true',
    });
    expect(errors).to.deep.equal([]);
    const echoed = await win.fetch('/echo?id=flags').then((r) => r.json());
    expect(parseTraceparent(echoed.headers.traceparent)).to.not.equal(undefined);
  });
});
