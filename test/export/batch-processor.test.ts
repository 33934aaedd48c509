import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { expect } from 'chai';
import { createConsent } from '../../src/privacy/consent';
import { DROPPED_SPANS_ATTRIBUTE } from '../../src/export/batch-processor';
import { DEFAULT_EXPORT, type ResolvedExportOptions } from '../../src/config';
import { createExportPipeline } from '../../src/export/pipeline';
import { createBatchStore, LOCAL_PREFIX, type StoredBatch } from '../../src/export/store';
import { createLogger } from '../../src/lib/logger';
import { servers, sleep, uniqueService, type Servers } from '../support/helpers';
import { localBatches, receiverDown, requestsFor, until, watchPageErrors } from '../support/delivery-helpers';

describe('delivery: bounded memory and drop counting', () => {
  let s: Servers;
  before(async () => {
    s = await servers();
  });

  /** A pipeline to the receiver for `run`, batching every 50 ms and retrying fast, and a tracer that feeds it. */
  function setUp(run: string, persist: ResolvedExportOptions['persist'], logger = createLogger(false)) {
    const options: ResolvedExportOptions = {
      ...DEFAULT_EXPORT,
      delayMs: 50,
      persist,
      retry: { initialDelayMs: 200, maxDelayMs: 400, maxElapsedMs: 60000 },
    };
    const pipeline = createExportPipeline({
      win: window,
      endpoint: `${s.receiver}/v1/traces?run=${run}`,
      headers: {},
      options,
      consent: createConsent('granted'),
      logger,
    });
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': run }),
      spanProcessors: [pipeline.openSpans, pipeline.processor],
    });
    return { options, pipeline, provider, tracer: provider.getTracer(run) };
  }

  it('10,000 spans in a burst with the collector down: the queue stays bounded, drops are counted and exported', async () => {
    const watch = watchPageErrors();
    const run = uniqueService('delivery-burst');
    await receiverDown(run, true);
    const debug: string[] = [];
    const logger = createLogger(true, { error: () => undefined, warn: () => undefined, debug: (...args: unknown[]) => debug.push(args.join(' ')) });
    const { options, pipeline, provider, tracer } = setUp(run, false, logger);

    const started = performance.now();
    for (let i = 0; i < 10000; i++) tracer.startSpan(`burst-${i}`, { attributes: { 'app.index': i, 'app.note': 'a short string attribute' } }).end();
    const perSpanUs = ((performance.now() - started) * 1000) / 10000;
    const stats = pipeline.parts().queue.stats();
    const { active } = pipeline.parts().delivery.stats();
    console.log(
      `[delivery] burst of 10000 spans, collector down: ${perSpanUs.toFixed(1)} us/span; queued ${stats.queued} spans (~${stats.queuedBytes} bytes), ${active} batches retrying, dropped ${stats.dropped}`,
    );
    expect(stats.queued).to.be.at.most(options.maxQueueSize);
    expect(stats.queuedBytes).to.be.at.most(options.maxQueueBytes);
    expect(active).to.be.at.most(2);
    expect(stats.dropped, 'dropped').to.be.at.least(10000 - options.maxQueueSize - 2 * options.maxBatchSize);
    expect(
      debug.some((line) => line.includes('export queue full')),
      'debug says spans are dropped',
    ).to.equal(true);

    await sleep(500);
    await receiverDown(run, false);
    // Every span is either delivered or counted in a dropped-spans attribute.
    const spans = await until(
      'delivered + dropped = 10000',
      async () => {
        const all = (await requestsFor(run)).flatMap((r) => r.spans);
        const reported = all.reduce((n, x) => n + Number(x.attributes[DROPPED_SPANS_ATTRIBUTE] ?? 0), 0);
        return all.length + reported >= 10000 ? all : undefined;
      },
      20000,
    );
    const reported = spans.reduce((n, x) => n + Number(x.attributes[DROPPED_SPANS_ATTRIBUTE] ?? 0), 0);
    console.log(`[delivery] after the collector came back: ${spans.length} delivered + ${reported} reported dropped = ${spans.length + reported} of 10000`);
    expect(spans.length + reported).to.equal(10000);
    expect(new Set(spans.map((x) => x.name)).size, 'no span twice').to.equal(spans.length);
    expect(debug.some((line) => line.includes(`reporting them as ${DROPPED_SPANS_ATTRIBUTE}`))).to.equal(true);
    await provider.shutdown();
    pipeline.stop();
    watch.stop();
    expect(watch.problems).to.deep.equal([]);
  });
  it('with the collector failing and storage at hand, the queue holds at most one batch: the rest goes to IndexedDB, and every span is delivered or counted', async () => {
    const watch = watchPageErrors();
    const run = uniqueService('delivery-spill');
    await receiverDown(run, true);
    // Room in storage for part of the burst only: the rest must be counted, not kept in memory.
    const { options, pipeline, provider, tracer } = setUp(run, { maxBytes: 300_000, maxAgeMs: 60000 });
    const total = 3000;
    const end = (i: number) => tracer.startSpan(`spill-${i}`, { attributes: { 'app.index': i, 'app.note': 'a short string attribute' } }).end();
    // Two full batches fail and wait to retry: the collector is known to be failing, storage takes full batches.
    const first = 2 * options.maxBatchSize;
    for (let i = 0; i < first; i++) end(i);
    await until('the collector seen failing', async () =>
      pipeline.parts().delivery.stats().active === 2 && pipeline.parts().delivery.hasRoom(true) ? true : undefined,
    );
    let mostQueued = 0;
    for (let i = first; i < total; i++) {
      end(i);
      mostQueued = Math.max(mostQueued, pipeline.parts().queue.stats().queued);
      if (i % 500 === 0) await sleep(0);
    }
    const stats = pipeline.parts().queue.stats();
    const { active } = pipeline.parts().delivery.stats();
    console.log(
      `[delivery] ${total} spans with the collector failing: at most ${mostQueued} queued, ${active} batches retrying, ${stats.dropped} dropped (storage full), the rest stored`,
    );
    expect(mostQueued, 'never more than one batch waits in memory').to.be.at.most(options.maxBatchSize);
    expect(active).to.be.at.most(2);
    expect(stats.dropped, 'storage filled up: the rest is counted').to.be.above(0);

    await receiverDown(run, false);
    // The count of what storage could not take goes out on the next batch.
    await sleep(1000);
    end(total);
    const spans = await until(
      'delivered + dropped = all',
      async () => {
        const all = (await requestsFor(run)).flatMap((r) => r.spans);
        const reported = all.reduce((n, x) => n + Number(x.attributes[DROPPED_SPANS_ATTRIBUTE] ?? 0), 0);
        return all.length + reported >= total + 1 ? all : undefined;
      },
      20000,
    );
    const reported = spans.reduce((n, x) => n + Number(x.attributes[DROPPED_SPANS_ATTRIBUTE] ?? 0), 0);
    console.log(
      `[delivery] after the collector came back: ${spans.length} delivered + ${reported} reported dropped = ${spans.length + reported} of ${total + 1}`,
    );
    expect(spans.length + reported).to.equal(total + 1);
    // A batch lost with a report on it hands the report on: counted once in the total, reported once.
    expect(pipeline.parts().queue.stats().dropped, 'lost spans, each counted once').to.equal(reported);
    expect(new Set(spans.map((x) => x.name)).size, 'no span twice').to.equal(spans.length);
    expect(spans.length, 'more than memory held: delivered from storage').to.be.above(2 * options.maxBatchSize + options.maxBatchSize);
    await provider.shutdown();
    pipeline.stop();
    watch.stop();
    expect(watch.problems).to.deep.equal([]);
  });
});

describe('delivery: the batch store', () => {
  const batch = (endpoint: string, bytes: number, createdAt = Date.now()): StoredBatch => ({ endpoint, body: 'x'.repeat(bytes), spans: 1, bytes, createdAt });
  const storeFor = (endpoint: string, consent = createConsent('granted'), win: typeof globalThis = window, options = { maxBytes: 5000, maxAgeMs: 60000 }) =>
    createBatchStore({ win, endpoint, options, consent, logger: createLogger(false) });
  /** What a page starting now would send: the batches it leases. */
  const take = async (store: ReturnType<typeof storeFor>) => (await store.lease(60000)).batches;

  it('writes nothing without consent, and keeps batches once consent is granted', async () => {
    const endpoint = `https://collector.invalid/${uniqueService('consent')}`;
    const consent = createConsent('pending');
    const store = storeFor(endpoint, consent);
    expect(store.put(batch(endpoint, 100))).to.equal(false);
    expect(await take(store)).to.deep.equal([]);
    expect(
      localBatches().map((b) => b.endpoint),
      'nothing written',
    ).to.not.include(endpoint);
    consent.set('granted');
    expect(await take(store)).to.deep.equal([]);
    expect(store.put(batch(endpoint, 100))).to.be.a('string');
    await sleep(50);
    expect((await take(storeFor(endpoint))).length).to.equal(1);
  });

  it('deletes what it kept when consent is denied later, and creates no storage doing so', async () => {
    const endpoint = `https://collector.invalid/${uniqueService('denied')}`;
    const consent = createConsent('granted');
    const store = storeFor(endpoint, consent);
    expect(store.put(batch(endpoint, 100))).to.be.a('string');
    expect(store.put(batch(endpoint, 100), true), 'page-hide write, to localStorage').to.be.a('string');
    await sleep(50);
    consent.set('denied');
    await store.clearAll();
    expect(localBatches().map((b) => b.endpoint)).to.not.include(endpoint);
    expect(await take(storeFor(endpoint))).to.deep.equal([]);
    const nothingStored = `https://collector.invalid/${uniqueService('never')}`;
    let opens = 0;
    const fakeIndexedDb = {
      open: () => {
        opens++;
        throw new Error('must not open');
      },
      databases: async () => [],
    };
    const win = { localStorage: window.localStorage, indexedDB: fakeIndexedDb } as unknown as typeof globalThis;
    await storeFor(nothingStored, createConsent('denied'), win).clearAll();
    expect(opens, 'no database opened (which would create one)').to.equal(0);
  });

  it('is bounded in bytes and age, and two pages never take the same batch', async () => {
    const endpoint = `https://collector.invalid/${uniqueService('bounds')}`;
    const store = storeFor(endpoint);
    await take(store); // A page takes what is stored when it starts; that also measures what is stored.
    expect(store.put(batch(endpoint, 2000))).to.be.a('string');
    expect(store.put(batch(endpoint, 2000))).to.be.a('string');
    expect(store.put(batch(endpoint, 2000)), 'over maxBytes').to.equal(false);
    const old = storeFor(endpoint, createConsent('granted'), window, { maxBytes: 5000, maxAgeMs: 1000 });
    await sleep(50);
    const [a, b] = await Promise.all([take(storeFor(endpoint)), take(storeFor(endpoint))]);
    expect(a.length + b.length, 'each batch taken once').to.equal(2);
    expect(old.put(batch(endpoint, 100, Date.now() - 5000))).to.be.a('string');
    await sleep(50);
    expect(await take(old), 'expired batches are discarded').to.deep.equal([]);
  });

  it('takes over the batches an earlier version kept in one localStorage list', async () => {
    const endpoint = `https://collector.invalid/${uniqueService('legacy')}`;
    const win = { localStorage: window.localStorage, indexedDB: undefined } as unknown as typeof globalThis;
    const legacy = [{ ...batch(endpoint, 40), id: 'a1' }, batch(endpoint, 50)];
    localStorage.setItem('otel-browser.batches', JSON.stringify(legacy));
    const taken = await take(storeFor(endpoint, createConsent('granted'), win));
    expect(taken.map((b) => b.bytes).sort()).to.deep.equal([40, 50]);
    expect(localStorage.getItem('otel-browser.batches'), 'the list is gone').to.equal(null);
    expect(localBatches().filter((b) => b.endpoint === endpoint).length, 'an entry each, leased').to.equal(2);
    for (const b of taken) storeFor(endpoint, createConsent('granted'), win).ack(b.id!);
    expect(localBatches().map((b) => b.endpoint)).to.not.include(endpoint);
  });

  it('skips entries under its localStorage prefix that are not batches, without throwing', async () => {
    const endpoint = `https://collector.invalid/${uniqueService('junk')}`;
    const win = { localStorage: window.localStorage, indexedDB: undefined } as unknown as typeof globalThis;
    const junk = { null: 'null', number: '42', broken: '{"endpoint":', string: '"x"' };
    for (const [name, value] of Object.entries(junk)) localStorage.setItem(`${LOCAL_PREFIX}${name}`, value);
    try {
      const store = storeFor(endpoint, createConsent('granted'), win);
      expect(store.put(batch(endpoint, 30), true)).to.be.a('string');
      const taken = await take(storeFor(endpoint, createConsent('granted'), win));
      expect(taken.map((b) => b.bytes)).to.deep.equal([30]);
      store.ack(taken[0].id!);
      expect(localBatches().map((b) => b.endpoint)).to.not.include(endpoint);
    } finally {
      for (const name of Object.keys(junk)) localStorage.removeItem(`${LOCAL_PREFIX}${name}`);
    }
  });

  it('falls back to localStorage where IndexedDB is missing', async () => {
    const endpoint = `https://collector.invalid/${uniqueService('local')}`;
    const win = { localStorage: window.localStorage, indexedDB: undefined } as unknown as typeof globalThis;
    const store = storeFor(endpoint, createConsent('granted'), win);
    expect(store.put(batch(endpoint, 300))).to.be.a('string');
    expect(localBatches().map((b) => b.endpoint)).to.include(endpoint);
    const taken = await take(storeFor(endpoint, createConsent('granted'), win));
    expect(taken.map((b) => b.bytes)).to.deep.equal([300]);
    // Leased, not taken: stored until its 2xx, and no other page gets it meanwhile.
    expect(localBatches().map((b) => b.endpoint)).to.include(endpoint);
    expect(await take(storeFor(endpoint, createConsent('granted'), win)), 'leased to the first page').to.deep.equal([]);
    storeFor(endpoint, createConsent('granted'), win).ack(taken[0].id!);
    expect(localBatches().map((b) => b.endpoint)).to.not.include(endpoint);
  });
});
