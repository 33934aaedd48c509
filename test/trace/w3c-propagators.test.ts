import { defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { expect } from 'chai';
import { BaggagePropagator, TraceContextPropagator } from '../../src/trace/w3c-propagators';

// The W3C header rules our propagators implement (the headers backends read), checked value by value.

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const traceContext = new TraceContextPropagator();
const baggage = new BaggagePropagator();

const inject = (propagator: TraceContextPropagator | BaggagePropagator, context: Context): Record<string, string> => {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier;
};
const extractSpanContext = (headers: Record<string, string | string[]>) =>
  trace.getSpanContext(traceContext.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));

describe('W3C trace context propagator', () => {
  it('writes traceparent with the sampled flag only, and tracestate as it came', () => {
    const state = extractSpanContext({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'congo=t61rcWkgMzE, rojo=00f067aa0ba902b7' })!.traceState;
    const context = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 0xff, traceState: state });
    expect(inject(traceContext, context)).to.deep.equal({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' });
    expect(inject(traceContext, trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 0 }))).to.deep.equal({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-00`,
    });
  });

  it('writes nothing for an invalid span context or while tracing is suppressed', () => {
    expect(inject(traceContext, trace.setSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: SPAN_ID, traceFlags: 1 }))).to.deep.equal({});
    expect(inject(traceContext, suppressTracing(trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 })))).to.deep.equal({});
    expect(inject(traceContext, ROOT_CONTEXT)).to.deep.equal({});
  });

  it('reads a valid traceparent as a remote parent, and rejects the invalid ones', () => {
    expect(extractSpanContext({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` })).to.deep.equal({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: 1,
      isRemote: true,
    });
    // A later version may add fields; version 00 may not.
    expect(extractSpanContext({ traceparent: `01-${TRACE_ID}-${SPAN_ID}-01-what-comes-next` })?.spanId).to.equal(SPAN_ID);
    for (const bad of [
      `00-${TRACE_ID}-${SPAN_ID}-01-extra`,
      `ff-${TRACE_ID}-${SPAN_ID}-01`,
      `00-${'0'.repeat(32)}-${SPAN_ID}-01`,
      `00-${TRACE_ID}-${'0'.repeat(16)}-01`,
      `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`,
      'garbage',
    ]) {
      expect(extractSpanContext({ traceparent: bad }), bad).to.equal(undefined);
    }
  });

  it('keeps valid tracestate members, newest first, and drops bad ones', () => {
    const state = extractSpanContext({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: ['a=1,BAD=2', 'tenant@system=3,c=,d=4'] })!.traceState!;
    expect(state.serialize()).to.equal('a=1,tenant@system=3,d=4');
    expect(state.get('tenant@system')).to.equal('3');
    expect(state.set('d', '5').serialize()).to.equal('d=5,a=1,tenant@system=3');
    expect(state.unset('a').serialize()).to.equal('tenant@system=3,d=4');
    // Immutable: the original is unchanged.
    expect(state.serialize()).to.equal('a=1,tenant@system=3,d=4');
    const many = Array.from({ length: 40 }, (_, i) => `k${i}=v`).join(',');
    expect(
      extractSpanContext({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: many })!
        .traceState!.serialize()
        .split(','),
    ).to.have.length(32);
  });
});

describe('W3C baggage propagator', () => {
  it('writes the entries URI-encoded, with their properties', () => {
    const entries = propagation.createBaggage({ tenant: { value: 'acme corp' }, 'user id': { value: '42' } });
    const withMetadata = entries.setEntry('plan', { value: 'gold', metadata: extractedMetadata('k;p=1') });
    expect(inject(baggage, propagation.setBaggage(ROOT_CONTEXT, withMetadata))).to.deep.equal({ baggage: 'tenant=acme%20corp,user%20id=42,plan=gold;p=1' });
    expect(inject(baggage, suppressTracing(propagation.setBaggage(ROOT_CONTEXT, entries)))).to.deep.equal({});
  });

  it('reads entries and their properties, skipping malformed members', () => {
    const context = baggage.extract(ROOT_CONTEXT, { baggage: 'tenant=acme%20corp, plan = gold;p=1,broken,=x,bad=%E0%A4%A' }, defaultTextMapGetter);
    const read = propagation.getBaggage(context)!;
    expect(read.getAllEntries().map(([key, entry]) => [key, entry.value])).to.deep.equal([
      ['tenant', 'acme corp'],
      ['plan', 'gold'],
    ]);
    expect(read.getEntry('plan')!.metadata!.toString()).to.equal('p=1');
    expect(propagation.getBaggage(baggage.extract(ROOT_CONTEXT, { baggage: 'broken' }, defaultTextMapGetter))).to.equal(undefined);
  });

  it('stops at the W3C limits: 180 members, 8192 bytes', () => {
    const many = Array.from({ length: 200 }, (_, i) => `k${i}=v`).join(',');
    expect(propagation.getBaggage(baggage.extract(ROOT_CONTEXT, { baggage: many }, defaultTextMapGetter))!.getAllEntries()).to.have.length(180);
    const big = propagation.createBaggage(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, { value: 'x'.repeat(2000) }])));
    expect(inject(baggage, propagation.setBaggage(ROOT_CONTEXT, big)).baggage.split(',')).to.have.length(4);
  });
});

/** Metadata as the propagator reads it from a header's properties. */
function extractedMetadata(member: string) {
  return propagation.getBaggage(baggage.extract(ROOT_CONTEXT, { baggage: `x=y;${member.split(';')[1]}` }, defaultTextMapGetter))!.getEntry('x')!.metadata!;
}
