import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { init } from '../../src/index';
import type { OtelBrowserHandle } from '../../src/sdk/handle';
import { browserAttributes } from '../../src/trace/resource';
import { sleep, uniqueService, waitForSpans } from '../support/helpers';
import { useSdk } from '../support/sdk';
import { without } from '../support/engine-support';

interface FixtureWindow extends Window {
  otel?: OtelBrowserHandle;
}

/** Loads the session fixture in an iframe, resolving once its SDK has started (again after each reload). */
function fixture(config: object, query = ''): Promise<{ frame: HTMLIFrameElement; loaded: () => Promise<FixtureWindow> }> {
  const frame = document.createElement('iframe');
  const loaded = () =>
    new Promise<FixtureWindow>((resolve) => frame.addEventListener('load', () => resolve(frame.contentWindow as FixtureWindow), { once: true }));
  const first = loaded();
  frame.src = `/test/fixtures/session-page.html?${query}config=${encodeURIComponent(JSON.stringify(config))}`;
  document.body.append(frame);
  return first.then(() => ({ frame, loaded }));
}

describe('sessions through init()', () => {
  const sdk = useSdk('session.init');
  // Test files run in parallel on one origin: each test keeps its session under its own key.
  let key = '';
  beforeEach(() => {
    key = `test-session-${Math.random()}`;
  });
  afterEach(() => {
    localStorage.removeItem(key);
  });

  it('puts session.id on every span, equal to getSessionId(), and the (redacted) page URL and page view id', async () => {
    const service = uniqueService('session-attrs');
    const { frame } = await fixture(
      { endpoint: `${sdk.servers.receiver}/v1/traces`, serviceName: service, session: { storageKey: key } },
      'token=secret-value&tab=2&',
    );
    const win = frame.contentWindow as FixtureWindow & typeof globalThis;
    const sessionId = win.otel!.getSessionId();
    expect(sessionId).to.match(/^[0-9a-f]{32}$/);
    await win.fetch('/echo?id=session-attrs');
    const spans = await waitForSpans(
      service,
      (all) => all.some((x) => x.name === 'documentLoad') && all.some((x) => String(x.attributes['url.full']).includes('session-attrs')),
    );
    for (const span of spans) {
      expect(span.attributes['session.id'], span.name).to.equal(sessionId);
      const pageUrl = String(span.attributes['browser.document.url.full']);
      expect(pageUrl, span.name).to.contain('/test/fixtures/session-page.html?token=REDACTED&tab=2&');
      expect(pageUrl).to.not.contain('secret-value');
      expect(span.attributes['page_view.id'], span.name).to.match(/^[0-9a-f]{16}$/);
    }
    expect(new Set(spans.map((x) => x.attributes['page_view.id'])).size).to.equal(1);
    frame.remove();
  });

  // Chromium has client hints (navigator.userAgentData); Firefox and WebKit do not, and there the
  // semantic conventions ask to leave brands, platform and mobile unset rather than parse the user agent.
  const hints = (navigator as Navigator & { userAgentData?: { brands: { brand: string; version: string }[]; platform: string; mobile: boolean } })
    .userAgentData;
  it(
    hints
      ? 'describes the browser in the resource: brands, platform, mobile from client hints, and language'
      : without('navigator.userAgentData', 'the resource has the user agent and language, and no brands, platform or mobile'),
    async () => {
      const service = uniqueService('session-resource');
      sdk.otel = init({ endpoint: `${sdk.servers.receiver}/v1/traces`, serviceName: service, instrumentations: { documentLoad: false } });
      await fetch('/echo?id=session-resource');
      const [span] = await waitForSpans(service, (all) => all.length > 0);
      expect(span.resource['user_agent.original']).to.equal(navigator.userAgent);
      expect(span.resource['browser.language']).to.equal(navigator.language);
      if (hints) {
        expect(span.resource['browser.brands']).to.deep.equal(hints.brands.map((b) => `${b.brand} ${b.version}`));
        expect(span.resource['browser.platform']).to.equal(hints.platform);
        expect(span.resource['browser.mobile']).to.equal(false);
      } else {
        for (const key of ['browser.brands', 'browser.platform', 'browser.mobile']) expect(span.resource, key).to.not.have.property(key);
      }
    },
  );

  it('leaves brands, platform and mobile unset where the browser has no client hints', () => {
    const attributes = browserAttributes({ userAgent: 'Mozilla/5.0 (Macintosh) Firefox/140.0', language: 'fr-FR' });
    expect(attributes).to.deep.equal({ 'browser.brands': undefined, 'browser.platform': undefined, 'browser.mobile': undefined, 'browser.language': 'fr-FR' });
  });

  it('keeps the session across a reload; the page view id changes', async () => {
    const service = uniqueService('session-reload');
    const { frame, loaded } = await fixture({ endpoint: `${sdk.servers.receiver}/v1/traces`, serviceName: service, session: { storageKey: key } });
    const before = (frame.contentWindow as FixtureWindow).otel!.getSessionId();
    // The page-load span is made a moment after the load event: wait for it before reloading.
    await waitForSpans(service, (all) => all.some((x) => x.name === 'documentLoad'));
    const reloaded = loaded();
    frame.contentWindow!.location.reload();
    const win = await reloaded;
    expect(win.otel!.getSessionId()).to.equal(before);
    const spans = await waitForSpans(service, (all) => all.filter((x) => x.name === 'documentLoad').length === 2);
    const loads = spans.filter((x) => x.name === 'documentLoad');
    expect(loads.map((x) => x.attributes['session.id'])).to.deep.equal([before, before]);
    expect(loads[0].attributes['page_view.id']).to.not.equal(loads[1].attributes['page_view.id']);
    frame.remove();
  });

  it('with session.storage "memory" a reload starts a new session and nothing is stored', async () => {
    const { frame, loaded } = await fixture({
      endpoint: `${sdk.servers.receiver}/v1/traces`,
      serviceName: uniqueService('session-memory'),
      session: { storage: 'memory', storageKey: key },
    });
    const before = (frame.contentWindow as FixtureWindow).otel!.getSessionId();
    const reloaded = loaded();
    frame.contentWindow!.location.reload();
    const win = await reloaded;
    expect(win.otel!.getSessionId()).to.not.equal(before);
    expect(localStorage.getItem(key)).to.equal(null);
    frame.remove();
  });

  it('takes the session options from the script tag (data-session-*)', async () => {
    const service = uniqueService('session-script');
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/blank.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as Window & typeof globalThis;
    const script = win.document.createElement('script');
    script.src = '/dist/otel-browser.min.js';
    const data = {
      endpoint: `${sdk.servers.receiver}/v1/traces`,
      'service-name': service,
      'session-storage': 'sessionStorage',
      'session-storage-key': key,
      'session-idle-timeout-ms': '60000',
    };
    for (const [name, value] of Object.entries(data)) script.setAttribute(`data-${name}`, value);
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    win.document.head.append(script);
    await loaded;
    await win.fetch('/echo?id=session-script');
    const [span] = await waitForSpans(service, (all) => all.some((x) => String(x.attributes['url.full']).includes('session-script')));
    expect(JSON.parse(win.sessionStorage.getItem(key)!).id).to.equal(span.attributes['session.id']);
    expect(localStorage.getItem(key)).to.equal(null);
    win.sessionStorage.removeItem(key);
    frame.remove();
  });

  it('two tabs of the origin (two frames sharing localStorage) are in one session', async () => {
    const config = { endpoint: `${sdk.servers.receiver}/v1/traces`, serviceName: uniqueService('session-tabs'), session: { storageKey: key } };
    const [first, second] = await Promise.all([fixture(config), fixture(config)]);
    const ids = [first, second].map(({ frame }) => (frame.contentWindow as FixtureWindow).otel!.getSessionId());
    expect(ids[0]).to.match(/^[0-9a-f]{32}$/);
    expect(ids[1]).to.equal(ids[0]);
    first.frame.remove();
    second.frame.remove();
  });

  it('spans after the idle timeout carry a new session id', async () => {
    const service = uniqueService('session-idle');
    sdk.otel = init({
      endpoint: `${sdk.servers.receiver}/v1/traces`,
      serviceName: service,
      session: { storageKey: key, idleTimeoutMs: 300 },
      instrumentations: { documentLoad: false, webVitals: false },
    });
    const tracer = trace.getTracer('test');
    const before = sdk.otel.getSessionId();
    tracer.startSpan('before').end();
    await sleep(400);
    tracer.startSpan('after').end();
    const current = sdk.otel.getSessionId();
    const spans = await waitForSpans(service, (all) => all.some((x) => x.name === 'before') && all.some((x) => x.name === 'after'));
    const after = spans.find((x) => x.name === 'after')!.attributes['session.id'];
    expect(spans.find((x) => x.name === 'before')!.attributes['session.id']).to.equal(before);
    expect(after).to.match(/^[0-9a-f]{32}$/);
    expect(after).to.not.equal(before);
    expect(current).to.equal(after);
  });

  it('getSessionId() is undefined after shutdown', async () => {
    sdk.otel = init({ endpoint: `${sdk.servers.receiver}/v1/traces`, serviceName: uniqueService('session-off') });
    expect(sdk.otel.getSessionId()).to.match(/^[0-9a-f]{32}$/);
    await sdk.otel.shutdown();
    expect(sdk.otel.getSessionId()).to.equal(undefined);
  });

  const badOptions: [unknown, string][] = [
    [{ idleTimeoutMs: 0 }, 'session.idleTimeoutMs must be a positive number of milliseconds; got 0'],
    [{ maxAgeMs: '4h' }, 'session.maxAgeMs must be a positive number of milliseconds; got "4h"'],
    [{ storage: 'cookie' }, 'session.storage must be one of "localStorage", "sessionStorage", "memory"; got "cookie"'],
    [{ storageKey: '' }, 'session.storageKey must be a non-empty string; got ""'],
    ['long', 'session must be an object; got "long"'],
    [{ idleTimeout: 1000 }, 'session.idleTimeout is unknown; did you mean idleTimeoutMs?'],
  ];
  for (const [session, message] of badOptions) {
    it(`rejects session ${JSON.stringify(session)} with one [otel-browser] error naming it`, () => {
      const errors: unknown[][] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        sdk.otel = init({ endpoint: '/v1/traces', serviceName: 'x', session: session as never });
      } finally {
        console.error = original;
      }
      expect(errors.length).to.equal(1);
      expect(String(errors[0][0])).to.match(/^\[otel-browser\] /);
      expect(String(errors[0][0])).to.contain(message);
      expect(sdk.otel.getSessionId()).to.equal(undefined);
    });
  }
});
