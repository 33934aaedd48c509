import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import type { Config } from '../../src/config';
import { init, type SpanData } from '../../src/index';
import { receiverRequests, sleep } from '../support/helpers';
import { useSdk } from '../support/sdk';

describe('beforeSend', () => {
  const sdk = useSdk('before-send');
  const tracer = () => trace.getTracer('app');

  function start(beforeSend: Config['beforeSend'], extra: Partial<Config> = {}): void {
    sdk.start({ instrumentations: { documentLoad: false }, beforeSend, ...extra });
  }

  it('modifies spans in place: name, attributes, events, status; and sees URLs already redacted', async () => {
    const seen: SpanData[] = [];
    start((span) => {
      seen.push(span);
      if (span.name === 'checkout') {
        span.name = 'checkout (edited)';
        span.attributes['user.email'] = undefined;
        delete span.attributes['card.last4'];
        span.attributes['edited'] = true;
        span.events = span.events.filter((event) => event.name !== 'private');
        span.status = { code: 1 };
      }
    });
    const span = tracer().startSpan('checkout', { attributes: { 'user.email': 'ann@example.com', 'card.last4': '4242', cart: 3 } });
    span.addEvent('private', { note: 'x' });
    span.addEvent('paid', { amount: 12 });
    span.setStatus({ code: 2, message: 'declined' });
    span.end();
    await fetch(`${sdk.servers.api}/items?id=hook-sees&token=SECRET`);
    const spans = await sdk.spans(
      (all) => all.some((x) => x.name === 'checkout (edited)') && all.some((x) => String(x.attributes['url.full']).includes('hook-sees')),
    );
    const edited = spans.find((x) => x.name === 'checkout (edited)')!;
    expect(edited.attributes).to.include({ cart: 3, edited: true });
    expect(edited.attributes).to.not.have.any.keys('user.email', 'card.last4');
    expect(edited.events.map((e) => e.name)).to.deep.equal(['paid']);
    expect(edited.events[0].attributes.amount).to.equal(12);
    expect(edited.status.code).to.equal(1);
    const fetchView = seen.find((x) => String(x.attributes['url.full']).includes('hook-sees'))!;
    expect(fetchView.attributes['url.full']).to.equal(`${sdk.servers.api}/items?id=hook-sees&token=REDACTED`);
    expect(fetchView.traceId).to.match(/^[0-9a-f]{32}$/);
    expect(fetchView.resource['service.name']).to.equal(sdk.service);
    expect(fetchView.endTime).to.be.at.least(fetchView.startTime);
  });

  it('drops spans for which it returns null or false, and uses a returned copy', async () => {
    start((span) => {
      if (span.name === 'drop-null') return null;
      if (span.name === 'drop-false') return false;
      if (span.name === 'copy') return { ...span, name: 'copied', attributes: { only: 'this' } };
      return span;
    });
    for (const name of ['drop-null', 'drop-false', 'copy', 'kept']) tracer().startSpan(name).end();
    await sdk.otel!.forceFlush();
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'kept') && all.some((x) => x.name === 'copied'));
    await sleep(1200);
    const names = (await receiverRequests(sdk.service)).flatMap((r) => r.spans).map((x) => x.name);
    expect(names).to.not.include.any.members(['drop-null', 'drop-false', 'copy']);
    expect(spans.find((x) => x.name === 'copied')!.attributes).to.deep.equal({ only: 'this' });
  });

  it('a throwing hook drops the span it threw on, others go on, and it is reported once in debug mode', async () => {
    const debugLines: string[] = [];
    const { debug } = console;
    console.debug = (...args: unknown[]) => debugLines.push(args.map(String).join(' '));
    try {
      start(
        (span) => {
          if (span.name.startsWith('boom')) throw new Error('hook bug');
          return span;
        },
        { debug: true },
      );
      tracer().startSpan('boom-1').end();
      tracer().startSpan('boom-2').end();
      tracer().startSpan('fine').end();
      await sdk.otel!.forceFlush();
      await sdk.spans((all) => all.some((x) => x.name === 'fine'));
    } finally {
      console.debug = debug;
    }
    const names = (await receiverRequests(sdk.service)).flatMap((r) => r.spans).map((x) => x.name);
    expect(names).to.not.include.any.members(['boom-1', 'boom-2']);
    expect(debugLines.filter((line) => line.includes('beforeSend threw')).length).to.equal(1);
    expect(debugLines.find((line) => line.includes('beforeSend threw'))).to.match(/^\[otel-browser\]/);
  });

  it('cleans what the hook returns: values that cannot be encoded are removed, sizes are limited again', async () => {
    start(
      (span) => {
        span.attributes.nested = { no: 'objects' } as never;
        span.attributes.fn = (() => 1) as never;
        span.attributes.mixed = [1, 'a'] as never;
        span.attributes.big = 'x'.repeat(100);
        span.attributes.list = ['ok', 'y'.repeat(100)];
        span.name = 42 as never;
      },
      { attributeLimits: { valueLength: 10 } },
    );
    tracer().startSpan('cleaned').end();
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'cleaned'));
    const span = spans.find((x) => x.name === 'cleaned')!;
    expect(span.attributes).to.not.have.any.keys('nested', 'fn', 'mixed');
    expect(span.attributes.big).to.equal('x'.repeat(10));
    expect(span.attributes.list).to.deep.equal(['ok', 'y'.repeat(10)]);
  });

  it('drops spans when the hook is asynchronous, and refuses a hook that is not a function', async () => {
    start((async (span: SpanData) => span) as never);
    tracer().startSpan('async-hook').end();
    await sdk.otel!.forceFlush();
    await sleep(1200);
    expect(await receiverRequests(sdk.service)).to.deep.equal([]);
    await sdk.otel!.shutdown();
    const errors: unknown[][] = [];
    const { error } = console;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      init({ endpoint: '/v1/traces', serviceName: 'x', beforeSend: 'nope' as never });
    } finally {
      console.error = error;
    }
    expect(String(errors[0]?.[0])).to.contain('beforeSend must be a function; got "nope"');
  });
});
