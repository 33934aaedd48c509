import { expect } from 'chai';
import { init } from '../../../src/index';
import { observes, without } from '../../support/engine-support';
import { captureConsole, receivedSpans, sleep, uniqueService, waitForSpans } from '../../support/helpers';
import { useSdk } from '../../support/sdk';

/** Keeps the main thread busy for `ms` inside a named function, in a task of its own. */
function blockMainThread(ms: number): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(function busyLoop() {
      const until = performance.now() + ms;
      while (performance.now() < until);
      resolve();
    }),
  );
}

/** The same, under another name, for work that stays under the threshold. */
function blockBriefly(ms: number): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(function shortLoop() {
      const until = performance.now() + ms;
      while (performance.now() < until);
      resolve();
    }),
  );
}

const QUIET = { fetch: false, xhr: false, documentLoad: false, webVitals: false } as const;
const isLongTask = (name: string) => name === 'longAnimationFrame' || name === 'longTask';

describe('long tasks', () => {
  const sdk = useSdk('long-tasks');
  let storageKey = '';
  beforeEach(() => {
    storageKey = `test-session-${Math.random()}`;
  });
  afterEach(() => {
    localStorage.removeItem(storageKey);
  });

  // Chromium has both entry types; Firefox and WebKit have neither: there the SDK observes nothing, says so
  // in debug mode only, and records no span.
  const neither = !observes('long-animation-frame') && !observes('longtask');
  if (neither) {
    it(without('long-animation-frame and longtask entries', 'longTasks on records no span and logs no error'), async () => {
      const service = uniqueService('long-tasks-none');
      const { errors } = captureConsole(() => {
        // documentLoad on: its span shows the export works while no long-task span comes.
        sdk.otel = init({
          endpoint: `${sdk.servers.receiver}/v1/traces`,
          serviceName: service,
          session: { storageKey },
          instrumentations: { fetch: false, xhr: false, webVitals: false, longTasks: { thresholdMs: 60 } },
        });
      });
      expect(errors).to.deep.equal([]);
      await blockMainThread(300);
      await sleep(100);
      await sdk.otel!.forceFlush();
      await waitForSpans(service, (all) => all.some((x) => x.name === 'documentLoad'));
      expect((await receivedSpans(service)).filter((x) => isLongTask(x.name))).to.deep.equal([]);
    });
  }

  if (observes('long-animation-frame'))
    it('records main-thread work over the threshold as a long animation frame span naming the script', async () => {
      const service = uniqueService('long-tasks');
      sdk.otel = init({
        endpoint: `${sdk.servers.receiver}/v1/traces`,
        serviceName: service,
        session: { storageKey },
        instrumentations: { ...QUIET, longTasks: { thresholdMs: 150 } },
      });
      expect(PerformanceObserver.supportedEntryTypes).to.include('long-animation-frame');
      await blockBriefly(55);
      await sleep(100);
      await blockMainThread(300);
      await sleep(100);
      await sdk.otel.forceFlush();
      const spans = await waitForSpans(service, (all) => all.some((x) => x.name === 'longAnimationFrame'));
      const frames = spans.filter((x) => x.name === 'longAnimationFrame');
      const frame = frames.find((x) => x.attributes['long_task.script.function'] === 'busyLoop');
      expect(frame, JSON.stringify(frames.map((x) => x.attributes))).to.not.equal(undefined);
      expect(frame!.attributes['long_task.script.duration']).to.be.at.least(290);
      expect(frame!.attributes['long_task.blocking_duration']).to.be.at.least(200);
      expect(frame!.attributes['long_task.script.invoker_type']).to.equal('user-callback');
      expect(String(frame!.attributes['long_task.script.source_url'])).to.contain('long-tasks.test');
      expect(frame!.attributes['session.id']).to.equal(sdk.otel.getSessionId());
      expect(frame!.events.some((e) => e.name === 'script' && e.attributes['long_task.script.function'] === 'busyLoop')).to.equal(true);
      // The 55 ms frame is over the browser's 50 ms but under the configured threshold: left out.
      expect(frames.some((x) => x.attributes['long_task.script.function'] === 'shortLoop')).to.equal(false);
    });

  if (observes('longtask'))
    it('can use the older longtask entries instead', async () => {
      const service = uniqueService('long-tasks-legacy');
      sdk.otel = init({
        endpoint: `${sdk.servers.receiver}/v1/traces`,
        serviceName: service,
        session: { storageKey },
        instrumentations: { ...QUIET, longTasks: { entryType: 'longtask' } },
      });
      await blockMainThread(120);
      await sleep(100);
      await sdk.otel.forceFlush();
      const spans = await waitForSpans(service, (all) => all.some((x) => x.name === 'longTask'));
      expect(spans.every((x) => x.name === 'longTask')).to.equal(true);
      expect(spans[0].attributes['long_task.container']).to.be.a('string');
    });

  it('is off by default', async () => {
    const service = uniqueService('long-tasks-off');
    sdk.otel = init({
      endpoint: `${sdk.servers.receiver}/v1/traces`,
      serviceName: service,
      session: { storageKey },
      instrumentations: { fetch: false, xhr: false, webVitals: false },
    });
    await blockMainThread(120);
    await sleep(100);
    await sdk.otel.forceFlush();
    await waitForSpans(service, (all) => all.some((x) => x.name === 'documentLoad'));
    await sleep(300);
    expect((await receivedSpans(service)).filter((x) => isLongTask(x.name))).to.deep.equal([]);
  });
});
