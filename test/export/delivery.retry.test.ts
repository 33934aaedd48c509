import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { init } from '../../src/index';
import { DROPPED_SPANS_ATTRIBUTE } from '../../src/export/batch-processor';
import { sleep } from '../support/helpers';
import { useSdk } from '../support/sdk';
import { fault, requestsFor, until, watchPageErrors } from '../support/delivery-helpers';

const NO_INSTRUMENTATIONS = { fetch: false, xhr: false, documentLoad: false, userInteraction: false, navigation: false, errors: false, webVitals: false };

describe('delivery: retry, Retry-After, refusals and gzip', () => {
  const sdk = useSdk('delivery-retry');
  let watch: ReturnType<typeof watchPageErrors>;

  beforeEach(() => {
    watch = watchPageErrors();
  });
  afterEach(() => {
    watch.stop();
    expect(watch.problems, 'errors in the page').to.deep.equal([]);
  });

  const start = (exportOptions: Record<string, unknown> = {}) => {
    sdk.otel = init({
      endpoint: `${sdk.servers.receiver}/v1/traces?run=${sdk.service}`,
      serviceName: sdk.service,
      instrumentations: NO_INSTRUMENTATIONS,
      export: { delayMs: 50, retry: { initialDelayMs: 200, maxDelayMs: 1000, maxElapsedMs: 10000 }, ...exportOptions },
    });
  };
  const makeSpans = (count: number, prefix: string) => {
    for (let i = 0; i < count; i++) trace.getTracer('delivery-test').startSpan(`${prefix}-${i}`).end();
  };
  const delivered = async () => (await requestsFor(sdk.service)).flatMap((r) => r.spans);

  it('retries after 503 twice and delivers every span exactly once', async () => {
    await fault(sdk.service, { status: 503 }, { status: 503 });
    start();
    makeSpans(20, 'retry');
    await until('20 spans', async () => ((await delivered()).length >= 20 ? true : undefined));
    await sleep(1500); // Time for any duplicate to show up.
    const requests = await requestsFor(sdk.service);
    expect(requests.map((r) => r.status)).to.deep.equal([503, 503, 200]);
    const names = (await delivered()).map((x) => x.name).sort();
    expect(names).to.deep.equal(Array.from({ length: 20 }, (_, i) => `retry-${i}`).sort());
  });

  it('waits as long as Retry-After says after a 429', async () => {
    await fault(sdk.service, { status: 429, headers: { 'Retry-After': '2', 'Access-Control-Expose-Headers': 'Retry-After' } });
    start();
    makeSpans(3, 'slow-down');
    const requests = await until('the retry', async () => {
      const all = await requestsFor(sdk.service);
      return all.length >= 2 ? all : undefined;
    });
    expect(requests[0].status).to.equal(429);
    expect(requests[1].status).to.equal(200);
    expect(requests[1].at - requests[0].at, 'ms between the 429 and the retry').to.be.at.least(2000);
    expect(requests[1].spans.map((x) => x.name).sort()).to.deep.equal(['slow-down-0', 'slow-down-1', 'slow-down-2']);
  });

  it('does not retry a 400, and reports the lost spans on the next batch', async () => {
    await fault(sdk.service, { status: 400 });
    start();
    makeSpans(4, 'refused');
    await until('the refused request', async () => ((await requestsFor(sdk.service)).length ? true : undefined));
    await sleep(1200); // Longer than the first retry would wait.
    expect((await requestsFor(sdk.service)).map((r) => r.status)).to.deep.equal([400]);
    makeSpans(1, 'after');
    const spans = await until('the next batch', async () => {
      const all = await delivered();
      return all.length ? all : undefined;
    });
    expect(spans.map((x) => x.name)).to.deep.equal(['after-0']);
    expect(spans[0].attributes[DROPPED_SPANS_ATTRIBUTE]).to.equal(4);
  });

  it('gives up after maxElapsedMs with retry limits, without persisting when persist is off', async () => {
    await fault(sdk.service, ...Array.from({ length: 10 }, () => ({ status: 503 })));
    start({ persist: false, retry: { initialDelayMs: 100, maxDelayMs: 200, maxElapsedMs: 600 } });
    makeSpans(2, 'gone');
    await sleep(1500);
    const requests = await requestsFor(sdk.service);
    expect(requests.length).to.be.within(2, 6);
    expect(requests.every((r) => r.status === 503)).to.equal(true);
    const last = requests[requests.length - 1].at - requests[0].at;
    expect(last, 'ms from first to last attempt').to.be.below(900);
  });

  it('gzips bodies with compression: "gzip", and the receiver decodes them', async () => {
    start({ compression: 'gzip' });
    makeSpans(50, 'zipped');
    const requests = await until('the gzipped request', async () => {
      const all = (await requestsFor(sdk.service)).filter((r) => r.status === 200);
      return all.reduce((n, r) => n + r.spans.length, 0) >= 50 ? all : undefined;
    });
    for (const request of requests) expect(request.contentEncoding).to.equal('gzip');
    const json = JSON.stringify(requests[0].spans);
    expect(requests[0].bytes, 'compressed size').to.be.below(json.length / 3);
  });
});
