import { expect } from 'chai';
import { context, trace } from '@opentelemetry/api';
import { init } from '../../src/index';
import { isSessionSampled } from '../../src/trace/sampler';
import { parseTraceparent, receivedSpans, sleep, uniqueService, waitForSpans } from '../support/helpers';
import { useSdk } from '../support/sdk';

const QUIET = { documentLoad: false, webVitals: false } as const;

/** The traceparent the page's own origin received for a fetch. */
async function echoedTraceparent(id: string) {
  const body = await (await fetch(`/echo?id=${id}`)).json();
  return parseTraceparent(body.headers.traceparent);
}

const randomSessionId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

describe('sampling per session', () => {
  const sdk = useSdk('sampler');
  // Test files run in parallel on one origin: each test keeps its session under its own key.
  let key = '';
  beforeEach(() => {
    key = `test-session-${Math.random()}`;
  });
  afterEach(() => {
    localStorage.removeItem(key);
  });

  it('decides by the session id: stable for one id, about half of many ids at 0.5, nested across rates', () => {
    const ids = Array.from({ length: 2000 }, randomSessionId);
    const atHalf = ids.filter((id) => isSessionSampled(id, 0.5));
    expect(atHalf.length).to.be.within(850, 1150);
    for (const id of ids.slice(0, 50)) expect(isSessionSampled(id, 0.5)).to.equal(isSessionSampled(id, 0.5));
    // Every session recorded at 0.1 is also recorded at 0.5.
    expect(ids.filter((id) => isSessionSampled(id, 0.1)).every((id) => isSessionSampled(id, 0.5))).to.equal(true);
    expect(ids.every((id) => isSessionSampled(id, 1) && !isSessionSampled(id, 0))).to.equal(true);
  });

  it('at sampleRate 1 records every span and sends traceparent with the sampled flag', async () => {
    const service = uniqueService('sample-all');
    sdk.otel = init({
      endpoint: `${sdk.servers.receiver}/v1/traces`,
      serviceName: service,
      session: { storageKey: key },
      sampleRate: 1,
      instrumentations: QUIET,
    });
    const header = await echoedTraceparent('sample-all');
    expect(header?.flags).to.equal('01');
    const spans = await waitForSpans(service, (all) => all.some((x) => x.spanId === header!.spanId));
    expect(spans.find((x) => x.spanId === header!.spanId)!.attributes['session.id']).to.equal(sdk.otel.getSessionId());
  });

  it('at sampleRate 0 exports nothing but still sends a valid traceparent with the sampled flag off', async () => {
    const service = uniqueService('sample-none');
    sdk.otel = init({
      endpoint: `${sdk.servers.receiver}/v1/traces`,
      serviceName: service,
      session: { storageKey: key },
      sampleRate: 0,
      instrumentations: { webVitals: false },
    });
    const header = await echoedTraceparent('sample-none');
    expect(header, 'traceparent').to.not.equal(undefined);
    expect(header!.flags).to.equal('00');
    expect(header!.traceId).to.not.match(/^0+$/);
    expect(header!.spanId).to.not.match(/^0+$/);
    // A user's span and its child request: not recorded, the child still in the parent's trace.
    const span = trace.getTracer('test').startSpan('manual');
    expect(span.isRecording()).to.equal(false);
    const child = await context.with(trace.setSpan(context.active(), span), () => echoedTraceparent('sample-none-child'));
    span.end();
    expect(child!.traceId).to.equal(span.spanContext().traceId);
    expect(child!.flags).to.equal('00');
    await sdk.otel.forceFlush();
    await sleep(1500);
    expect(await receivedSpans(service)).to.deep.equal([]);
  });

  it('at sampleRate 0.5 decides per session: alike across page loads of a session, different across sessions', async () => {
    const service = uniqueService('sample-half');
    const decisions = new Map<string, string[]>();
    for (let session = 0; session < 12; session++) {
      localStorage.removeItem(key);
      // Three page loads of the same session (init again over the same storage).
      for (let load = 0; load < 3; load++) {
        sdk.otel = init({
          endpoint: `${sdk.servers.receiver}/v1/traces`,
          serviceName: service,
          session: { storageKey: key },
          sampleRate: 0.5,
          instrumentations: QUIET,
        });
        const id = sdk.otel.getSessionId()!;
        const flags = (await echoedTraceparent(`half-${session}-${load}`))!.flags;
        decisions.set(id, [...(decisions.get(id) ?? []), flags]);
        trace.getTracer('test').startSpan('page-load').end();
        await sdk.otel.shutdown();
      }
    }
    sdk.otel = undefined;
    expect(decisions.size).to.equal(12);
    for (const [id, flags] of decisions) {
      expect(flags, id).to.have.length(3);
      expect(new Set(flags).size, `session ${id}: ${flags}`).to.equal(1);
      expect(flags[0]).to.equal(isSessionSampled(id, 0.5) ? '01' : '00');
    }
    const sampled = [...decisions].filter(([, flags]) => flags[0] === '01').map(([id]) => id);
    // 12 sessions all alike at 0.5 would happen once in 2048 runs: read the session ids if it does.
    expect(sampled.length, [...decisions.keys()].join(' ')).to.be.within(1, 11);
    // What reached the collector is exactly the sampled sessions, each with all three page loads.
    const loads = (all: { name: string }[]) => all.filter((x) => x.name === 'page-load');
    await waitForSpans(service, (all) => loads(all).length >= sampled.length * 3);
    await sleep(500);
    const exported = loads(await receivedSpans(service)) as Awaited<ReturnType<typeof receivedSpans>>;
    const exportedSessions = exported.map((x) => String(x.attributes['session.id']));
    expect(new Set(exportedSessions)).to.deep.equal(new Set(sampled));
    expect(exportedSessions.length).to.equal(sampled.length * 3);
  });
});
