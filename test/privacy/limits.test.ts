import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import type { Config } from '../../src/config';
import { init } from '../../src/index';
import { DEFAULT_ATTRIBUTE_LIMITS } from '../../src/privacy/limits';
import { receiverRequests } from '../support/helpers';
import { useSdk } from '../support/sdk';

describe('attribute limits', () => {
  const sdk = useSdk('limits');
  const tracer = () => trace.getTracer('app');

  function start(extra: Partial<Config> = {}): void {
    sdk.start({ instrumentations: { documentLoad: false }, ...extra });
  }

  it('by default a huge URL or error message cannot blow up the payload', async () => {
    start();
    const { valueLength } = DEFAULT_ATTRIBUTE_LIMITS;
    await fetch(`/echo?id=huge-url&pad=${'a'.repeat(20000)}`);
    const span = tracer().startSpan(`huge-${'n'.repeat(20000)}`);
    const error = new Error(`boom ${'m'.repeat(200000)}`);
    span.recordException(error);
    span.setStatus({ code: 2, message: 's'.repeat(20000) });
    span.setAttribute('blob', 'b'.repeat(1_000_000));
    span.end();
    const spans = await sdk.spans(
      (all) => all.some((x) => x.name.startsWith('huge-')) && all.some((x) => String(x.attributes['url.full']).includes('huge-url')),
    );
    const manual = spans.find((x) => x.name.startsWith('huge-'))!;
    expect(manual.name.length).to.equal(valueLength);
    expect(String(manual.attributes.blob).length).to.equal(valueLength);
    expect(manual.status.message!.length).to.equal(valueLength);
    const exception = manual.events.find((e) => e.name === 'exception')!;
    expect(String(exception.attributes['exception.message']).length).to.equal(valueLength);
    expect(String(spans.find((x) => String(x.attributes['url.full']).includes('huge-url'))!.attributes['url.full']).length).to.equal(valueLength);
    const bytes = (await receiverRequests(sdk.service)).reduce((sum, r) => sum + r.bytes, 0);
    expect(bytes).to.be.below(40000);
  });

  it('bounds the attribute count per span and per event, and the event count, as configured', async () => {
    start({ attributeLimits: { count: 5, valueLength: 20, events: 3 } });
    const attributes: Record<string, string> = {};
    for (let i = 0; i < 20; i++) attributes[`a${i}`] = `value-${i}-${'v'.repeat(40)}`;
    const span = tracer().startSpan('counted', { attributes });
    for (let i = 0; i < 10; i++) span.addEvent(`event-${i}`, attributes);
    span.end();
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'counted'));
    const counted = spans.find((x) => x.name === 'counted')!;
    expect(Object.keys(counted.attributes).length).to.equal(5);
    expect(counted.attributes.a0).to.equal('value-0-vvvvvvvvvvvv');
    // The newest events are kept, as the OpenTelemetry SDK does.
    expect(counted.events.map((e) => e.name)).to.deep.equal(['event-7', 'event-8', 'event-9']);
    for (const event of counted.events) expect(Object.keys(event.attributes).length).to.equal(5);
  });

  it('refuses limits that are not positive whole numbers', () => {
    const errors: unknown[][] = [];
    const { error } = console;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      init({ endpoint: '/v1/traces', serviceName: 'x', attributeLimits: { count: -1 } });
      init({ endpoint: '/v1/traces', serviceName: 'x', attributeLimits: { length: 10 } as never });
    } finally {
      console.error = error;
    }
    expect(errors.map((e) => String(e[0]))).to.deep.equal([
      '[otel-browser] invalid config, the SDK is off: attributeLimits must be an object of positive whole numbers (count, valueLength, events); got {"count":-1}',
      '[otel-browser] invalid config, the SDK is off: attributeLimits.length is unknown; did you mean valueLength?',
    ]);
  });
});
