import { trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { expect } from 'chai';
import { init } from '../../src/index';
import { NOT_REGISTERED } from '../../src/trace/provider';
import { captureConsole } from '../support/helpers';

// Where the page's api cannot take the SDK's provider, one clear message says so: never a silent no-op.

describe('registration with @opentelemetry/api', () => {
  it('warns once, naming the cause, when another SDK registered a tracer provider first', async () => {
    const otherTracer = { other: true } as unknown as Tracer;
    const other: TracerProvider = { getTracer: () => otherTracer };
    expect(trace.setGlobalTracerProvider(other)).to.equal(true);
    try {
      const { result, warnings } = captureConsole(() =>
        init({ endpoint: '/v1/traces', serviceName: 'registration', instrumentations: { documentLoad: false } }),
      );
      const ours = warnings.filter((args) => String(args[0]).startsWith('[otel-browser]'));
      expect(ours).to.have.length(1);
      expect(String(ours[0].join(' '))).to.include(NOT_REGISTERED);
      await result.shutdown();
      // The SDK's shutdown leaves the other SDK's provider in place.
      expect(trace.getTracerProvider().getTracer('after')).to.equal(otherTracer);
    } finally {
      trace.disable();
    }
  });
});
