import { expect } from 'chai';
import type { SpanProcessor } from '../../src/trace/types';
import { coreProvider, recorder } from './fixture';

// A span processor that throws (ours or the user's) never reaches the page, and never stops the others.

const throwing = (): SpanProcessor => ({
  onStart() {
    throw new Error('onStart broke');
  },
  onEnding() {
    throw new Error('onEnding broke');
  },
  onEnd() {
    throw new Error('onEnd broke');
  },
  forceFlush() {
    throw new Error('forceFlush broke');
  },
  shutdown: () => Promise.reject(new Error('shutdown broke')),
});

describe('processor chain guard (our core)', () => {
  it('keeps startSpan() and end() from throwing, hands the span to the next processors, and reports once per processor', () => {
    const seen = recorder();
    const warnings: unknown[][] = [];
    const tracer = coreProvider({ processors: [throwing(), seen], warnings }).getTracer('guard');
    expect(() => {
      tracer.startSpan('one').end();
      tracer.startSpan('two').end();
    }).to.not.throw();
    expect(seen.started.map((span) => span.name)).to.deep.equal(['one', 'two']);
    expect(seen.ended.map((span) => span.name)).to.deep.equal(['one', 'two']);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.include('onStart threw');
  });

  it('turns a synchronous throw in forceFlush into a rejected flush, after the other processors flushed', async () => {
    let flushed = false;
    const fine: SpanProcessor = { ...recorder(), forceFlush: async () => void (flushed = true) };
    const provider = coreProvider({ processors: [throwing(), fine] });
    let flush: Promise<void> | undefined;
    expect(() => (flush = provider.forceFlush())).to.not.throw();
    const outcome = await flush!.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    expect(outcome).to.equal('forceFlush broke');
    expect(flushed).to.equal(true);
    expect(
      await provider.shutdown().then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
    ).to.equal('shutdown broke');
  });
});
