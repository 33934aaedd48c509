import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { expect } from 'chai';
import { ActivityTracker } from '../../src/instrumentations/activity/activity-tracker';
import { AmbientContextManager } from '../../src/context/ambient-context-manager';
import { nativeTimers } from '../../src/context/timers';
import { init } from '../../src/index';
import { servers, sleep, uniqueService, waitForSpans, WAIT_CEILING_MS } from '../support/helpers';
import { clickOn, mount } from '../support/interactions-helpers';

describe('the ambient context manager and the activity tracker', () => {
  let manager: AmbientContextManager;
  let exporter: InMemorySpanExporter;
  let tracker: ActivityTracker;
  let provider: TracerProvider;

  beforeEach(() => {
    manager = new AmbientContextManager();
    context.setGlobalContextManager(manager.enable());
    exporter = new InMemorySpanExporter();
    tracker = new ActivityTracker(manager, nativeTimers(window));
    provider = new TracerProvider({ spanProcessors: [tracker, new SimpleSpanProcessor({ exporter })] });
  });
  afterEach(async () => {
    await provider.shutdown();
    context.disable();
  });

  const tracer = () => provider.getTracer('test');
  const ended = (name: string) => exporter.getFinishedSpans().find((x) => x.name === name);
  const activeSpan = () => trace.getSpan(context.active());

  it('uses the stack inside with(), the ambient context outside it, and keeps an explicit ROOT_CONTEXT', () => {
    const ambient = tracer().startSpan('ambient');
    const other = tracer().startSpan('other');
    manager.setAmbient(trace.setSpan(ROOT_CONTEXT, ambient));
    expect(activeSpan()).to.equal(ambient);
    context.with(trace.setSpan(ROOT_CONTEXT, other), () => expect(activeSpan()).to.equal(other));
    context.with(ROOT_CONTEXT, () => expect(activeSpan()).to.equal(undefined));
    expect(activeSpan()).to.equal(ambient);
    manager.clearAmbient(trace.setSpan(ROOT_CONTEXT, other)); // not the ambient one: no effect
    expect(activeSpan()).to.equal(ambient);
  });

  /** Polls until `done()` holds (timers on a loaded machine run late; fixed sleeps would be flaky). */
  const until = async (done: () => boolean, timeoutMs = WAIT_CEILING_MS) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await sleep(20);
    }
  };

  it('keeps a followed span open while its children run, then ends it at the last child end', async () => {
    const interaction = tracer().startSpan('interaction');
    tracker.follow(interaction, { idleMs: 150, maxDurationMs: 5000 }, ROOT_CONTEXT);
    let openWhileChildRan: boolean | undefined;
    setTimeout(() => {
      // No stack here: only the ambient context can make this a child.
      const child = tracer().startSpan('child');
      setTimeout(() => {
        openWhileChildRan = ended('interaction') === undefined;
        child.end();
      }, 300);
    }, 100);
    await until(() => ended('interaction') !== undefined);
    expect(openWhileChildRan, 'still open while the child ran (300 ms, twice idleMs)').to.equal(true);
    const parent = ended('interaction')!;
    const finished = ended('child')!;
    expect(finished.parentSpanContext?.spanId).to.equal(interaction.spanContext().spanId);
    expect(hrTimeToMilliseconds(parent.endTime)).to.equal(hrTimeToMilliseconds(finished.endTime));
    expect(activeSpan(), 'ambient cleared once settled').to.equal(undefined);
  });

  it('ends a followed span at maxDurationMs even when a child never ends', async () => {
    const interaction = tracer().startSpan('capped');
    tracker.follow(interaction, { idleMs: 50, maxDurationMs: 800 }, ROOT_CONTEXT);
    tracer().startSpan('never-ends');
    await until(() => ended('capped') !== undefined);
    const capped = ended('capped')!;
    expect(hrTimeToMilliseconds(capped.endTime) - hrTimeToMilliseconds(capped.startTime)).to.be.at.least(790);
    expect(activeSpan()).to.equal(undefined);
  });

  it('lets a newer activity replace the ambient context; the older one still ends by itself', async () => {
    const first = tracer().startSpan('first');
    tracker.follow(first, { idleMs: 100, maxDurationMs: 5000 }, ROOT_CONTEXT);
    const second = tracer().startSpan('second');
    tracker.follow(second, { idleMs: 100, maxDurationMs: 5000 }, ROOT_CONTEXT);
    expect(activeSpan()).to.equal(second);
    await until(() => ended('first') !== undefined && ended('second') !== undefined);
  });

  it('does not carry a with() context into a timer by itself (the documented limit of the default manager)', async () => {
    const manual = tracer().startSpan('manual');
    const inTimer = await context.with(trace.setSpan(ROOT_CONTEXT, manual), () => new Promise((resolve) => setTimeout(() => resolve(activeSpan()), 20)));
    expect(inTimer).to.equal(undefined);
  });
});

describe('ending interaction spans when the page is hidden', () => {
  it('ends an interaction still waiting for its request on pagehide, so it can be sent', async () => {
    const s = await servers();
    const service = uniqueService('context-hide');
    const otel = init({
      endpoint: `${s.receiver}/v1/traces`,
      serviceName: service,
      instrumentations: { documentLoad: false, fetch: false, xhr: false, userInteraction: { idleMs: 60000, maxDurationMs: 60000, text: true } },
    });
    try {
      const root = mount('<button id="leave">Leave</button>');
      await clickOn(root.querySelector('#leave')!);
      await sleep(100);
      window.dispatchEvent(new Event('pagehide'));
      await otel.forceFlush();
      await waitForSpans(service, (all) => all.some((x) => x.name === 'click "Leave"'));
    } finally {
      await otel.shutdown();
      document.getElementById('mount')?.remove();
    }
  });
});
