import { expect } from 'chai';
import { ENDED_BY_ATTRIBUTE } from '../../src/export/open-spans';
import { HIDE_LEASE_MS } from '../../src/export/delivery';
import { engine } from '../support/engine-support';
import { sleep, uniqueService } from '../support/helpers';
import { receiverDown, requestsFor, until, watchPageErrors } from '../support/delivery-helpers';
import { deliveryPageUrl, useFramePage } from '../support/frame-page';

describe('delivery: page hide, persistence and reload', () => {
  const page = useFramePage();

  for (const compression of ['none', 'gzip'] as const) {
    it(`200 fetches, then the page navigates away at once: >= 99% of the spans arrive (compression: ${compression})`, async () => {
      const service = uniqueService(`delivery-unload-${compression}`);
      const endpoint = `${page.servers.receiver}/v1/traces?run=${service}`;
      let win = await page.go(deliveryPageUrl(endpoint, service, { compression }));
      const frameWatch = watchPageErrors(win);
      for (let i = 0; i < 200; i++) void win.fetch(`${page.servers.api}/items?id=unload-${i}`).catch(() => undefined);
      // Same origin, without the SDK: only what went out during pagehide (keepalive) can arrive.
      const leftAt = Date.now();
      win = await page.go('/test/fixtures/blank.html', win);
      expect(frameWatch.problems).to.deep.equal([]);
      const fetchSpans = async () => {
        const spans = (await requestsFor(service)).flatMap((r) => r.spans).filter((x) => String(x.attributes['url.full']).includes('id=unload-'));
        return new Set(spans.map((x) => x.spanId)).size;
      };
      // What left during pagehide may still be arriving (keepalive requests outlive the page): counted
      // once the count has held for 1 s, at least 1.5 s after leaving, at most 6 s.
      let atHide = -1;
      for (let stable = 0, waited = 0; waited < 6000 && (waited < 1500 || stable < 4); waited += 250) {
        await sleep(250);
        const count = await fetchSpans();
        stable = count === atHide ? stable + 1 : 0;
        atHide = count;
      }
      // The next page of the same origin with the SDK sends what pagehide stored beyond the keepalive budget.
      await page.go(deliveryPageUrl(endpoint, service, { compression }), win);
      const total = await until('>= 198 of 200 spans', async () => ((await fetchSpans()) >= 198 ? fetchSpans() : undefined));
      const requests = await requestsFor(service);
      const spans = requests.flatMap((r) => r.spans);
      console.log(
        `[delivery] 200 fetches + navigation (compression ${compression}): ${atHide}/200 arrived from pagehide, ${total}/200 after the next page load; ` +
          `${spans.length} span records in ${requests.length} requests of ${requests.map((r) => r.bytes).join(', ')} bytes; ` +
          `${spans.filter((x) => x.attributes[ENDED_BY_ATTRIBUTE] === 'pagehide').length} ended by pagehide; read ${Date.now() - leftAt} ms after leaving`,
      );
      // Once each, unless the next page had to wait out the lease of what was on the wire at pagehide (a
      // plain request the navigation cancelled): then it sends every leased batch, and those that had
      // arrived come twice, never more (docs/delivery.md). Requests were read above, so within the lease
      // no batch can have been sent again yet.
      const copies = new Map<string, number>();
      for (const x of spans) copies.set(x.spanId, (copies.get(x.spanId) ?? 0) + 1);
      if (Date.now() - leftAt < HIDE_LEASE_MS) expect(spans.length, 'no span twice').to.equal(copies.size);
      else expect(Math.max(...copies.values()), 'no span more than twice').to.be.at.most(2);
      expect(
        spans.filter((x) => String(x.attributes['url.full']).includes('/v1/traces')),
        'export requests traced',
      ).to.deep.equal([]);
      // Uncompressed, the 64 KiB keepalive budget holds 50 to 130 of these spans when they are all still
      // open at pagehide, fewer when spans that ended at their response are still on the wire in a batch
      // (measured 36 to 57 on a loaded machine); gzipped, all of them. Except in WebKit: there one or two
      // early batches go out uncompressed (measured 29.6 kB each; why is not known yet) and hold most of
      // the budget at pagehide, so 58 to 200 of 200 left during the hide in our runs, the rest on the next
      // load (the >= 198 above holds in every engine).
      const gzipAtHide = engine === 'webkit' ? 25 : 198;
      expect(atHide, 'spans sent during pagehide').to.be.at.least(compression === 'gzip' ? gzipAtHide : 25);
      if (compression === 'gzip') {
        const plain = requests.filter((r) => r.contentEncoding !== 'gzip').length;
        expect(plain, 'requests not gzipped').to.be.at.most(engine === 'webkit' ? 2 : 0);
      }
    });
  }

  // Chromium lets the page's requests run until pagehide, where the SDK ends their spans; Firefox and
  // WebKit cancel them as the navigation starts, before pagehide, so the span ends with the network error.
  // Either way the span is sent at the hide.
  it(
    engine === 'chromium'
      ? 'ends a request in flight on pagehide and marks it'
      : `a request in flight when the page navigates away: ${engine} cancels it before pagehide, its span ends with the error and is sent`,
    async () => {
      const service = uniqueService('delivery-inflight');
      const endpoint = `${page.servers.receiver}/v1/traces?run=${service}`;
      const win = await page.go(deliveryPageUrl(endpoint, service));
      void win.fetch('/slow?ms=5000&id=in-flight').catch(() => undefined);
      await sleep(100);
      await page.go('/test/fixtures/blank.html', win);
      const spans = await until('the in-flight span', async () => {
        const all = (await requestsFor(service)).flatMap((r) => r.spans);
        return all.length ? all : undefined;
      });
      expect(String(spans[0].attributes['url.full'])).to.match(/\/slow\?ms=5000&id=in-flight$/);
      const seen = JSON.stringify({ ...spans[0].attributes, status: spans[0].status });
      if (engine === 'chromium') {
        expect(spans[0].attributes[ENDED_BY_ATTRIBUTE], seen).to.equal('pagehide');
      } else {
        expect(spans[0].attributes[ENDED_BY_ATTRIBUTE], seen).to.equal(undefined);
        expect(spans[0].attributes['error.type'], seen).to.equal('TypeError');
        expect(spans[0].status.code, seen).to.equal(2);
      }
    },
  );

  it('keeps spans while the collector is down and sends them after a reload, once', async () => {
    const service = uniqueService('delivery-offline');
    const endpoint = `${page.servers.receiver}/v1/traces?run=${service}`;
    await receiverDown(service, true);
    // Long retry waits: when the page reloads, its batches are still waiting to be retried.
    const options = { delayMs: 50, retry: { initialDelayMs: 10000, maxDelayMs: 20000, maxElapsedMs: 60000 } };
    const win = await page.go(deliveryPageUrl(endpoint, service, options));
    for (let i = 0; i < 30; i++) await win.fetch(`/echo?id=offline-${i}`);
    await sleep(800); // Spans end at their response, then fail and wait to retry.
    expect((await requestsFor(service)).length, 'nothing got through while down').to.equal(0);
    await receiverDown(service, false);
    // The collector is back; the page reloads before its retries are due: pagehide stores the batches
    // (the collector was failing), and the reloaded page sends them.
    const reloadedAt = Date.now();
    const reloaded = new Promise((resolve) => page.frame.addEventListener('load', resolve, { once: true }));
    win.location.reload();
    await reloaded;
    const offline = async () => (await requestsFor(service)).flatMap((r) => r.spans).filter((x) => String(x.attributes['url.full']).includes('offline-'));
    await until('30 stored spans', async () => ((await offline()).length >= 30 ? true : undefined));
    await sleep(1000);
    const all = await offline();
    const requests = await requestsFor(service);
    console.log(
      `[delivery] collector down, then up, then reload: ${new Set(all.map((x) => x.spanId)).size}/30 delivered, ${all.length} records, ${requests.length} requests, first ${requests[0].at - reloadedAt} ms after the reload`,
    );
    expect(all.length, 'each span once').to.equal(30);
    expect(new Set(all.map((x) => x.attributes['url.full'])).size).to.equal(30);
    expect(requests[0].at - reloadedAt, 'sent by the reloaded page, not by a retry').to.be.below(5000);
  });

  it('sends the queue when the tab is hidden, leaving requests in flight to end by themselves', async () => {
    const service = uniqueService('delivery-hidden');
    const endpoint = `${page.servers.receiver}/v1/traces?run=${service}`;
    const win = await page.go(deliveryPageUrl(endpoint, service, { delayMs: 20000 }));
    const hide = () => {
      Object.defineProperty(win.document, 'visibilityState', { value: 'hidden', configurable: true });
      win.document.dispatchEvent(new win.Event('visibilitychange'));
    };
    // Ended at its response, now waiting in the queue (20 s delay).
    await (await win.fetch('/echo?id=answered')).text();
    const slow = win.fetch('/slow?ms=800&id=in-flight');
    await sleep(100);
    hide();
    const first = await until(
      'the answered span',
      async () => {
        const all = (await requestsFor(service)).flatMap((r) => r.spans);
        return all.length ? all : undefined;
      },
      5000,
    );
    expect(first.map((x) => String(x.attributes['url.full']).replace(/.*id=/, ''))).to.deep.equal(['answered']);
    expect(first[0].attributes[ENDED_BY_ATTRIBUTE], 'ended at its response, not by the hide').to.equal(undefined);
    expect(first[0].attributes['http.response.status_code']).to.equal(200);
    // The tab may come back: the request in flight was not cut short, it ends at its response.
    await slow;
    hide();
    const spans = await until(
      'both spans',
      async () => {
        const all = (await requestsFor(service)).flatMap((r) => r.spans);
        return all.length >= 2 ? all : undefined;
      },
      5000,
    );
    const inFlight = spans.find((x) => String(x.attributes['url.full']).endsWith('id=in-flight'))!;
    expect(inFlight.attributes[ENDED_BY_ATTRIBUTE]).to.equal(undefined);
    expect(inFlight.attributes['http.response.status_code']).to.equal(200);
  });

  it('keeps working after pagehide/pageshow from the back/forward cache', async () => {
    const service = uniqueService('delivery-bfcache');
    const endpoint = `${page.servers.receiver}/v1/traces?run=${service}`;
    const win = await page.go(deliveryPageUrl(endpoint, service, { delayMs: 5000 }));
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
