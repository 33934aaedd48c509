import type { HrTime } from '@opentelemetry/api';
import { expect } from 'chai';
import { Clock, CLOCK_DRIFT_LIMIT_MS, hrTimeToMilliseconds, type ClockSources } from '../../src/trace/time';
import type { ReadableSpan } from '../../src/trace/types';
import { coreProvider } from './fixture';

// Span times agree with the page's performance timeline and with the wall clock, and stay right on a
// page left open across a laptop's sleep (when performance.now() stops but Date.now() does not).

const ms = (time: HrTime) => hrTimeToMilliseconds(time);

/** Two clocks a test moves by hand: `monotonic` as performance.now(), `wall` as Date.now(). */
function handClock(timeOrigin: number) {
  const state = { monotonic: 0, wall: timeOrigin };
  const sources: ClockSources = { timeOrigin, now: () => state.monotonic, dateNow: () => state.wall };
  return { state, clock: new Clock(sources) };
}

describe('span times (our core)', () => {
  it('start and end agree with timeOrigin + performance.now() and with Date.now()', async () => {
    const tracer = coreProvider().getTracer('time');
    const before = performance.timeOrigin + performance.now();
    const wallBefore = Date.now();
    const span = tracer.startSpan('timed');
    await new Promise((resolve) => setTimeout(resolve, 30));
    span.end();
    const after = performance.timeOrigin + performance.now();
    const { startTime, endTime, duration } = span as unknown as ReadableSpan;
    expect(ms(startTime)).to.be.within(before - 1, after + 1);
    expect(ms(endTime)).to.be.within(ms(startTime) + 25, after + 1);
    expect(ms(duration)).to.be.closeTo(ms(endTime) - ms(startTime), 0.01);
    // The wall clock agrees within the drift limit (here: a few ms at most, as nothing slept).
    expect(Math.abs(ms(startTime) - wallBefore)).to.be.below(50);
  });

  it('reads a performance-timeline time (ms since timeOrigin) as such, and epoch ms, Date and HrTime as they are', () => {
    const tracer = coreProvider().getTracer('inputs');
    performance.mark('core-test-mark');
    const mark = performance.getEntriesByName('core-test-mark')[0];
    const fromMark = tracer.startSpan('mark', { startTime: mark.startTime }) as unknown as ReadableSpan;
    expect(ms(fromMark.startTime)).to.be.closeTo(performance.timeOrigin + mark.startTime, 0.01);
    const epoch = Date.UTC(2026, 11, 2, 12, 0, 0, 250);
    expect((tracer.startSpan('epoch', { startTime: epoch }) as unknown as ReadableSpan).startTime).to.deep.equal([epoch / 1000 - 0.25, 250_000_000]);
    expect((tracer.startSpan('date', { startTime: new Date(epoch) }) as unknown as ReadableSpan).startTime).to.deep.equal([epoch / 1000 - 0.25, 250_000_000]);
    expect((tracer.startSpan('hr', { startTime: [1_700_000_000, 5] }) as unknown as ReadableSpan).startTime).to.deep.equal([1_700_000_000, 5]);
    // An epoch time from before the page loaded is still an epoch time (not timeline-relative).
    const earlier = Date.now() - 60_000;
    expect(ms((tracer.startSpan('earlier', { startTime: earlier }) as unknown as ReadableSpan).startTime)).to.be.closeTo(earlier, 0.001);
  });

  it('re-anchors on the wall clock after a sleep, without changing the length of a span that spans it', () => {
    const { state, clock } = handClock(1_750_000_000_000);
    const tracer = coreProvider({ clock }).getTracer('sleep');
    state.monotonic = state.wall - 1_750_000_000_000 + 1000;
    state.wall += 1000;
    const across = tracer.startSpan('across the sleep');
    // Two hours asleep: the wall clock moves on, the monotonic clock does not.
    state.wall += 2 * 3600_000;
    state.monotonic += 20;
    state.wall += 20;
    across.end();
    const after = tracer.startSpan('after the sleep');
    after.end();
    const acrossSpan = across as unknown as ReadableSpan;
    const afterSpan = after as unknown as ReadableSpan;
    expect(ms(acrossSpan.duration)).to.be.closeTo(20, 0.001);
    expect(ms(afterSpan.startTime)).to.be.closeTo(state.wall, 0.001);
    // A small difference (clock noise, NTP slewing) is left alone: timeline times stay as they were.
    state.monotonic += 100;
    state.wall += 100 + CLOCK_DRIFT_LIMIT_MS / 2;
    const origin = clock.origin();
    expect(origin + state.monotonic).to.be.closeTo(state.wall - CLOCK_DRIFT_LIMIT_MS / 2, 0.001);
  });

  it('with no drift, keeps performance.timeOrigin as the anchor', () => {
    const { state, clock } = handClock(1_750_000_000_000);
    state.monotonic = 5000;
    state.wall += 5000 + CLOCK_DRIFT_LIMIT_MS - 1;
    expect(clock.origin()).to.equal(1_750_000_000_000);
    state.wall += 2;
    expect(clock.origin()).to.equal(state.wall - state.monotonic);
  });
});
