import { expect } from 'chai';
import { trace } from '@opentelemetry/api';
import type { Config } from '../../src/config';
import { receiverRequests } from '../support/helpers';
import { useSdk } from '../support/sdk';
import { watchPageErrors } from '../support/delivery-helpers';
import { Delivery } from '../../src/export/delivery';
import { createExportPipeline } from '../../src/export/pipeline';
import { createConsent } from '../../src/privacy/consent';
import { DEFAULT_EXPORT } from '../../src/config';
import { createLogger } from '../../src/lib/logger';

// Fault injection, page side (issue 16 item 3): whatever the page does to built-ins and prototypes after
// init(), its own API calls do not throw, nothing reaches window.onerror, the payload stays valid OTLP,
// and a span that cannot go is counted in otel_browser.dropped_spans.

describe('sealed from page code', () => {
  const sdk = useSdk('sealed');

  const start = (extra: Partial<Config> = {}) => {
    sdk.start({ instrumentations: { documentLoad: false }, ...extra });
  };
  /** Replaces `owner[key]` for the duration of `action`, and always puts it back. */
  async function replaced<T>(owner: object, key: string, value: unknown, action: () => Promise<T> | T): Promise<T> {
    const had = Object.getOwnPropertyDescriptor(owner, key);
    Object.defineProperty(owner, key, { value, configurable: true, writable: true, enumerable: true });
    try {
      return await action();
    } finally {
      if (had) Object.defineProperty(owner, key, had);
      else delete (owner as Record<string, unknown>)[key];
    }
  }

  it('sends valid OTLP without polluted keys under Array.prototype.toJSON and an enumerable Object.prototype key', async () => {
    start();
    const tracer = trace.getTracer('sealed-test');
    await replaced(Object.prototype, 'pollutedKey', 'polluted', () =>
      // Prototype.js's Array#toJSON made JSON.stringify turn arrays into strings.
      replaced(
        Array.prototype,
        'toJSON',
        function (this: unknown[]) {
          return JSON.stringify(this.slice());
        },
        async () => {
          const span = tracer.startSpan('polluted-prototypes', { attributes: { list: ['a', 'b'] } });
          span.end();
          await sdk.otel!.forceFlush();
        },
      ),
    );
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'polluted-prototypes'));
    const span = spans.find((x) => x.name === 'polluted-prototypes')!;
    expect(span.attributes.pollutedKey).to.equal(undefined);
    expect(span.resource.pollutedKey).to.equal(undefined);
    expect(span.attributes.list).to.deep.equal(['a', 'b']);
    const requests = await receiverRequests(sdk.service);
    expect(
      requests.every((r) => r.status === 200),
      'the receiver parsed every payload',
    ).to.equal(true);
  });

  // The tracer's own startSpan()/end() under hostile built-ins belong to the provider (src/trace/); this
  // covers what happens after end(): cleaning, queueing, encoding and sending.
  it('never throws into the page when JSON.stringify and Array methods throw, and still exports', async () => {
    start({ export: { delayMs: 100 } });
    const watch = watchPageErrors();
    const tracer = trace.getTracer('sealed-test');
    const boom = () => {
      throw new Error('replaced by the page');
    };
    const span = tracer.startSpan('hostile-builtins', { attributes: { list: ['x', 'y'] } });
    span.setAttribute('k', 'v');
    try {
      span.end();
      await replaced(JSON, 'stringify', boom, () =>
        replaced(Array.prototype, 'map', boom, () =>
          replaced(Array.prototype, 'filter', boom, () =>
            replaced(Array.prototype, 'push', boom, async () => {
              // The batch timer fires meanwhile: encoded and sent while the built-ins throw.
              await new Promise((resolve) => setTimeout(resolve, 600));
            }),
          ),
        ),
      );
    } finally {
      watch.stop();
    }
    expect(watch.problems).to.deep.equal([]);
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'hostile-builtins'));
    expect(spans.find((x) => x.name === 'hostile-builtins')!.attributes.list).to.deep.equal(['x', 'y']);
  });

  it('accepts a frozen span from beforeSend and counts spans whose result cannot be read', async () => {
    start({
      beforeSend: (span) => {
        if (span.name === 'frozen') return Object.freeze(span);
        if (span.name === 'frozen-parts') {
          Object.freeze(span.attributes);
          return Object.freeze({ ...span, attributes: span.attributes, events: Object.freeze(span.events.map((e) => Object.freeze(e))) });
        }
        if (span.name === 'hostile-proxy') {
          return new Proxy(span, {
            get() {
              throw new Error('hostile');
            },
          });
        }
        if (span.name === 'throws') throw new Error('hook failed');
        return span;
      },
    });
    const tracer = trace.getTracer('sealed-test');
    for (const name of ['frozen', 'frozen-parts', 'hostile-proxy', 'throws']) {
      const span = tracer.startSpan(name, { attributes: { kept: name } });
      span.addEvent('evt', { a: 1 });
      span.end();
    }
    await sdk.otel!.forceFlush();
    const marker = tracer.startSpan('marker');
    marker.end();
    await sdk.otel!.forceFlush();
    const spans = await sdk.spans((all) => ['frozen', 'frozen-parts', 'marker'].every((n) => all.some((x) => x.name === n)));
    expect(spans.find((x) => x.name === 'frozen')!.attributes.kept).to.equal('frozen');
    expect(spans.find((x) => x.name === 'frozen-parts')!.events.map((e) => e.name)).to.deep.equal(['evt']);
    expect(spans.some((x) => x.name === 'hostile-proxy' || x.name === 'throws')).to.equal(false);
    const reported = spans.reduce((sum, x) => sum + Number(x.attributes['otel_browser.dropped_spans'] ?? 0), 0);
    expect(reported, 'the proxy and the throw are counted').to.equal(2);
  });

  it('counts the consent buffer’s overflow in otel_browser.dropped_spans', async () => {
    start({ consent: 'pending' });
    const tracer = trace.getTracer('sealed-test');
    for (let i = 0; i < 520; i++) tracer.startSpan(`pending-${i}`).end();
    sdk.otel!.setConsent('granted');
    await sdk.otel!.forceFlush();
    const marker = tracer.startSpan('marker');
    marker.end();
    await sdk.otel!.forceFlush();
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'marker'), { timeoutMs: 15000 });
    const reported = spans.reduce((sum, x) => sum + Number(x.attributes['otel_browser.dropped_spans'] ?? 0), 0);
    const held = spans.filter((x) => x.name.startsWith('pending-')).length;
    expect(held + reported, 'every span delivered or counted').to.equal(520);
    expect(reported).to.be.greaterThan(0);
  });
});

describe('sealed from page code: the beacon', () => {
  it('uses the sendBeacon captured at start, not one the page put in later', () => {
    const calls: string[] = [];
    const navigator = { sendBeacon: (url: string) => (calls.push(`captured:${url}`), true) };
    // A browser whose fetch has no keepalive: page hide falls back to a same-origin beacon.
    const win = { navigator, Blob: window.Blob, Request: class {}, location: window.location } as unknown as typeof globalThis;
    const endpoint = new URL('/otlp/v1/traces?run=sealed-beacon', location.href).href;
    const delivery = new Delivery({
      win,
      endpoint,
      transport: async () => ({ status: 200 }),
      options: DEFAULT_EXPORT,
      logger: createLogger(false),
      drops: { count: () => undefined },
    });
    navigator.sendBeacon = (url: string) => (calls.push(`page:${url}`), true);
    delivery.hide([{ body: '{}', spans: 1 }], true);
    expect(calls).to.deep.equal([`captured:${endpoint}`]);
  });

  it('uses the sendBeacon captured in init(), not one the page put in before the first export built delivery', () => {
    const calls: string[] = [];
    const navigator = { sendBeacon: (url: string) => (calls.push(`captured:${url}`), true) };
    const idle = { addEventListener() {}, removeEventListener() {} };
    // No keepalive (Request without it), no fetch, no storage; a document that never loads (no idle replay).
    const document = { ...idle, visibilityState: 'visible', readyState: 'loading' };
    const win = { ...idle, navigator, document, Blob: window.Blob, Request: class {}, location: window.location } as unknown as Window & typeof globalThis;
    const endpoint = new URL('/otlp/v1/traces?run=sealed-beacon-lazy', location.href).href;
    const pipeline = createExportPipeline({
      win,
      endpoint,
      headers: {},
      options: { ...DEFAULT_EXPORT, persist: false },
      consent: createConsent('granted'),
      logger: createLogger(false),
    });
    navigator.sendBeacon = (url: string) => (calls.push(`page:${url}`), true);
    pipeline.parts().delivery.hide([{ body: '{}', spans: 1 }], true);
    expect(calls).to.deep.equal([`captured:${endpoint}`]);
    pipeline.stop();
  });
});
