import { defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT, trace, type TextMapPropagator } from '@opentelemetry/api';
import { expect } from 'chai';
import { createConsent } from '../../src/privacy/consent';
import { ConsentPropagator, createPropagator } from '../../src/privacy/consent-propagator';

// The registered propagator, alone: trace context and baggage behind consent, each header on its own.

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const spanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };

describe('ConsentPropagator', () => {
  const withBaggage = propagation.setBaggage(trace.setSpanContext(ROOT_CONTEXT, spanContext), propagation.createBaggage({ tenant: { value: 'acme' } }));

  it('injects traceparent, and baggage only when asked for', () => {
    const plain: Record<string, string> = {};
    createPropagator({ baggage: false, consent: createConsent() }).inject(withBaggage, plain, defaultTextMapSetter);
    expect(plain).to.deep.equal({ traceparent: TRACEPARENT });
    const both: Record<string, string> = {};
    const propagator = createPropagator({ baggage: true, consent: createConsent() });
    propagator.inject(withBaggage, both, defaultTextMapSetter);
    expect(both).to.deep.equal({ traceparent: TRACEPARENT, baggage: 'tenant=acme' });
    expect(propagator.fields()).to.deep.equal(['traceparent', 'tracestate', 'baggage']);
  });

  it('injects nothing without consent', () => {
    const carrier: Record<string, string> = {};
    createPropagator({ baggage: true, consent: createConsent('pending') }).inject(withBaggage, carrier, defaultTextMapSetter);
    expect(carrier).to.deep.equal({});
  });

  it('extracts both headers', () => {
    const context = createPropagator({ baggage: true, consent: createConsent() }).extract(
      ROOT_CONTEXT,
      { traceparent: TRACEPARENT, baggage: 'tenant=acme' },
      defaultTextMapGetter,
    );
    expect(trace.getSpanContext(context)).to.deep.include({ traceId: spanContext.traceId, spanId: spanContext.spanId, isRemote: true });
    expect(propagation.getBaggage(context)?.getEntry('tenant')?.value).to.equal('acme');
  });

  it('keeps the other headers when one propagator throws', () => {
    const broken: TextMapPropagator = {
      inject: () => {
        throw new Error('inject');
      },
      extract: () => {
        throw new Error('extract');
      },
      fields: () => ['broken'],
    };
    const propagator = new ConsentPropagator([broken, ...[createPropagator({ baggage: false, consent: createConsent() })]], createConsent());
    const carrier: Record<string, string> = {};
    propagator.inject(withBaggage, carrier, defaultTextMapSetter);
    expect(carrier).to.deep.equal({ traceparent: TRACEPARENT });
    const context = propagator.extract(ROOT_CONTEXT, { traceparent: TRACEPARENT }, defaultTextMapGetter);
    expect(trace.getSpanContext(context)?.spanId).to.equal(spanContext.spanId);
  });
});
