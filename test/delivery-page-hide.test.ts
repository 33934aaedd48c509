import { expect } from 'chai';
import { ENDED_BY_ATTRIBUTE } from '../src/processors/open-spans';
import { servers, sleep, uniqueService, type Servers } from './helpers';
import { receiverDown, requestsFor, until, watchPageErrors } from './delivery-helpers';

type FrameWindow = Window & typeof globalThis;

/** The fixture page in an iframe, starting the SDK with this endpoint and service. */
function pageUrl(endpoint: string, service: string, exportOptions: Record<string, unknown> = {}, debug = false): string {
  const query = new URLSearchParams({ endpoint, service, export: JSON.stringify(exportOptions), ...(debug ? { debug: '1' } : {}) });
  return `/test/fixtures/delivery-page.html?${query}`;
}

async function load(frame: HTMLIFrameElement, url: string): Promise<FrameWindow> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = url;
  await loaded;
  return frame.contentWindow as FrameWindow;
}

/** Navigates the frame's page away from inside it (the page gets pagehide), and waits for the next page. */
async function navigate(frame: HTMLIFrameElement, win: FrameWindow, url: string): Promise<FrameWindow> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  win.location.href = url;
  await loaded;
  return frame.contentWindow as FrameWindow;
}

describe('delivery: page hide, persistence and reload', () => {
  let s: Servers;
  let frame: HTMLIFrameElement;
  let watch: ReturnType<typeof watchPageErrors>;

  before(async () => {
    s = await servers();
  });
  beforeEach(() => {
    frame = document.createElement('iframe');
    document.body.append(frame);
    watch = watchPageErrors();
  });
  afterEach(() => {
    frame.remove();
    watch.stop();
    expect(watch.problems, 'errors in the test page').to.deep.equal([]);
  });

  it('200 fetches, then the page navigates away at once: the spans arrive (>= 99%)', async () => {
    const service = uniqueService('delivery-unload');
    const endpoint = `${s.receiver}/v1/traces?run=${service}`;
    let win = await load(frame, pageUrl(endpoint, service));
    const frameWatch = watchPageErrors(win);
    for (let i = 0; i < 200; i++) void win.fetch(`${s.api}/items?id=unload-${i}`).catch(() => undefined);
    // Same origin, without the SDK: only what went out during pagehide (keepalive) can arrive.
    win = await navigate(frame, win, '/test/fixtures/blank.html');
    expect(frameWatch.problems).to.deep.equal([]);
    const fetchSpans = async () => {
      const ids = new Set((await requestsFor(service)).flatMap((r) => r.spans).filter((x) => String(x.attributes['url.full']).includes('id=unload-')).map((x) => x.spanId));
      return ids.size;
    };
    await sleep(1500);
    const atHide = await fetchSpans();
    // The next page of the same origin with the SDK sends what pagehide stored beyond the keepalive budget.
    await navigate(frame, win, pageUrl(endpoint, service));
    const total = await until('>= 198 of 200 spans', async () => ((await fetchSpans()) >= 198 ? fetchSpans() : undefined));
    const spans = (await requestsFor(service)).flatMap((r) => r.spans);
    console.log(`[delivery] 200 fetches + navigation: ${atHide}/200 arrived from pagehide, ${total}/200 after the next page load; ${spans.length} span records`);
    expect(spans.length, 'no span twice').to.equal(new Set(spans.map((x) => x.spanId)).size);
    const ended = spans.filter((x) => x.attributes[ENDED_BY_ATTRIBUTE] === 'pagehide');
    expect(ended.length, `spans marked ${ENDED_BY_ATTRIBUTE}`).to.be.greaterThan(0);
    expect(atHide, 'spans sent during pagehide').to.be.greaterThan(50);
  });

  it('ends a request in flight on pagehide and marks it', async () => {
    const service = uniqueService('delivery-inflight');
    const endpoint = `${s.receiver}/v1/traces?run=${service}`;
    const win = await load(frame, pageUrl(endpoint, service));
    void win.fetch(`${s.api}/items?id=in-flight`).catch(() => undefined);
    await navigate(frame, win, '/test/fixtures/blank.html');
    const spans = await until('the in-flight span', async () => {
      const all = (await requestsFor(service)).flatMap((r) => r.spans);
      return all.length ? all : undefined;
    });
    expect(spans[0].attributes['url.full']).to.equal(`${s.api}/items?id=in-flight`);
    expect(spans[0].attributes[ENDED_BY_ATTRIBUTE]).to.equal('pagehide');
  });

  it('keeps spans while the collector is down and sends them after a reload, once', async () => {
    const service = uniqueService('delivery-offline');
    const endpoint = `${s.receiver}/v1/traces?run=${service}`;
    await receiverDown(service, true);
    const options = { delayMs: 50, retry: { initialDelayMs: 100, maxDelayMs: 300, maxElapsedMs: 30000 } };
    let win = await load(frame, pageUrl(endpoint, service, options));
    for (let i = 0; i < 30; i++) await win.fetch(`/echo?id=offline-${i}`);
    await sleep(800); // Spans end ~300 ms after their response, then fail and wait to retry.
    const failedTries = (await requestsFor(service)).length;
    // Reload while still down: pagehide stores what it could not send (the collector is failing).
    const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    win.location.reload();
    await reloaded;
    win = frame.contentWindow as FrameWindow;
    await sleep(300);
    await receiverDown(service, false);
    // The collector is back: one more load of the same origin sends the stored batches.
    win = await navigate(frame, win, pageUrl(endpoint, service, options));
    const spans = await until('30 stored spans', async () => {
      const all = (await requestsFor(service)).flatMap((r) => r.spans).filter((x) => String(x.attributes['url.full']).includes('offline-'));
      return all.length >= 30 ? all : undefined;
    });
    await sleep(1000);
    const all = (await requestsFor(service)).flatMap((r) => r.spans).filter((x) => String(x.attributes['url.full']).includes('offline-'));
    console.log(`[delivery] collector down, reload, up, next load: ${new Set(all.map((x) => x.spanId)).size}/30 delivered, ${all.length} records (failed tries while down: ${failedTries})`);
    expect(all.length, 'each span once').to.equal(30);
    expect(new Set(spans.map((x) => x.attributes['url.full'])).size).to.equal(30);
  });

  it('keeps working after pagehide/pageshow from the back/forward cache', async () => {
    const service = uniqueService('delivery-bfcache');
    const endpoint = `${s.receiver}/v1/traces?run=${service}`;
    const win = await load(frame, pageUrl(endpoint, service, { delayMs: 5000 }));
    await win.fetch('/echo?id=before-hide');
    await sleep(400);
    win.dispatchEvent(new win.PageTransitionEvent('pagehide', { persisted: true }));
    await until('the span sent on pagehide', async () => ((await requestsFor(service)).length ? true : undefined));
    win.dispatchEvent(new win.PageTransitionEvent('pageshow', { persisted: true }));
    await win.fetch('/echo?id=after-show');
    await sleep(400);
    win.dispatchEvent(new win.PageTransitionEvent('pagehide', { persisted: true }));
    const spans = await until('both spans', async () => {
      const all = (await requestsFor(service)).flatMap((r) => r.spans);
      return all.length >= 2 ? all : undefined;
    });
    expect(spans.map((x) => String(x.attributes['url.full']).replace(/.*id=/, ''))).to.deep.equal(['before-hide', 'after-show']);
  });
});
