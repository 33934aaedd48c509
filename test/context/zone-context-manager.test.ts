// zone.js first: it must patch Promise and the timers before anything else uses them, as it would in
// an Angular app. This file runs on its own page, so the other test files never see zone.js.
import 'zone.js';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { servers, sleep, uniqueService, waitForSpans } from '../support/helpers';
import { useSdk } from '../support/sdk';
import { byUrl, clickOn, mount } from '../support/interactions-helpers';

describe('the zone context manager, where the page runs zone.js', () => {
  const sdk = useSdk('context-zone');

  beforeEach(() => {
    sdk.start({ propagateTo: [sdk.servers.api], contextManager: 'zone', instrumentations: { documentLoad: false, userInteraction: { text: true } } });
  });
  afterEach(() => {
    document.getElementById('mount')?.remove();
  });

  it('carries a context.with() span through a timer, long after any interaction window', async () => {
    expect(typeof (window as unknown as { Zone?: unknown }).Zone).to.equal('function');
    const span = trace.getTracer('test').startSpan('manual');
    await context.with(
      trace.setSpan(ROOT_CONTEXT, span),
      () => new Promise<void>((resolve) => setTimeout(() => fetch(`${sdk.servers.api}/items?id=zone-timer`).then(() => resolve()), 1200)),
    );
    span.end();
    const spans = await sdk.spans((all) => !!byUrl(all, 'zone-timer') && all.some((x) => x.name === 'manual'));
    expect(byUrl(spans, 'zone-timer')!.parentSpanId).to.equal(span.spanContext().spanId);
  });

  it('carries it through promise callbacks (then), but not past a native await', async () => {
    const span = trace.getTracer('test').startSpan('promises');
    const ctx = trace.setSpan(ROOT_CONTEXT, span);
    const inThen = await context.with(ctx, () => Promise.resolve().then(() => trace.getSpan(context.active())));
    expect(inThen).to.equal(span);
    const afterAwait = async () => {
      await Promise.resolve();
      return trace.getSpan(context.active());
    };
    // Native async: zone.js never sees the continuation (this is why the default needs no zone).
    expect(afterAwait.constructor.name).to.equal('AsyncFunction');
    expect(await context.with(ctx, afterAwait)).to.equal(undefined);
    span.end();
  });

  it('still parents requests after a native await in a click handler to the click (the ambient context)', async () => {
    const root = mount('<button id="buy">Buy</button>');
    root.querySelector('#buy')!.addEventListener('click', async () => {
      await fetch(`${sdk.servers.api}/items?id=zone-click-1`);
      await fetch(`${sdk.servers.api}/items?id=zone-click-2`);
    });
    await clickOn(root.querySelector('#buy')!);
    const spans = await sdk.spans((all) => !!byUrl(all, 'zone-click-2') && all.some((x) => x.name === 'click "Buy"'));
    const click = spans.find((x) => x.name === 'click "Buy"')!;
    expect(byUrl(spans, 'zone-click-1')!.parentSpanId).to.equal(click.spanId);
    expect(byUrl(spans, 'zone-click-2')!.parentSpanId).to.equal(click.spanId);
  });
});

describe('the zone script-tag bundle (dist/otel-browser.zone.min.js)', () => {
  it('brings zone.js and uses the zone context manager by default', async () => {
    const s = await servers();
    const service = uniqueService('zone-bundle');
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/blank.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    type ZoneWindow = Window & { Zone?: unknown; OtelBrowser?: { trace: typeof trace; context: typeof context } };
    const win = frame.contentWindow as ZoneWindow;
    const script = win.document.createElement('script');
    script.src = '/dist/otel-browser.zone.min.js';
    script.dataset.endpoint = `${s.receiver}/v1/traces`;
    script.dataset.serviceName = service;
    script.dataset.propagateTo = s.api;
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    win.document.head.append(script);
    await loaded;
    try {
      expect(typeof win.Zone).to.equal('function');
      const api = win.OtelBrowser!;
      const span = api.trace.getTracer('test').startSpan('manual-in-frame');
      // The timer is the frame's (zone-patched) one, scheduled inside the span's zone.
      await api.context.with(
        api.trace.setSpan(api.context.active(), span),
        () => new Promise<void>((resolve) => win.setTimeout(() => win.fetch(`${s.api}/items?id=zone-bundle`).then(() => resolve()), 1200)),
      );
      span.end();
      const spans = await waitForSpans(service, (all) => !!byUrl(all, 'zone-bundle') && all.some((x) => x.name === 'manual-in-frame'));
      expect(byUrl(spans, 'zone-bundle')!.parentSpanId).to.equal(span.spanContext().spanId);
    } finally {
      frame.remove();
      await sleep(10);
    }
  });
});
