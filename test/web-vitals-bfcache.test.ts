import { expect } from 'chai';
import { receivedSpans, servers, uniqueService, waitForSpans } from './helpers';

describe('web vitals: back/forward cache', () => {
  it('measures a restored page view afresh: navigation type back-forward-cache, new ids, TTFB 0, CLS from 0', async function () {
    // The page waits 3 s for web vitals to start before it leaves; on a busy machine all of it takes a while.
    this.timeout(40000);
    const s = await servers();
    const service = uniqueService('vitals-bfcache');
    const config = {
      endpoint: `${s.receiver}/v1/traces`,
      serviceName: service,
      session: { storageKey: `test-session-${service}` },
      instrumentations: { fetch: false, xhr: false, documentLoad: false, userInteraction: false },
    };
    // A top-level page (only those go into the back/forward cache) without an opener (a page another
    // window holds on to is not cached), in a popup window of its own: as a tab it would hide the page in
    // front of that window, maybe another test file's. It leaves, comes back and leaves again.
    window.open(`/test/fixtures/vitals-bfcache.html?config=${encodeURIComponent(JSON.stringify(config))}`, '_blank', 'noopener,popup,width=400,height=300');
    const restored = (name: string) => (x: { name: string; attributes: Record<string, unknown> }) =>
      x.name === name && x.attributes['browser.web_vital.navigation_type'] === 'back-forward-cache';
    const notRestored = () => localStorage.getItem(`not-restored-${service}`);
    const steps = () => localStorage.getItem(`steps-${service}`);
    const spans = await waitForSpans(service, (all) => !!notRestored() || ['TTFB', 'FCP', 'LCP', 'CLS'].every((name) => all.some(restored(name))), { timeoutMs: 30000 }).catch(async () => {
      const got = (await receivedSpans(service)).map((x) => `${x.name}:${x.attributes['browser.web_vital.navigation_type']}`);
      throw new Error(`${got}; the page steps: ${steps()}`);
    });
    localStorage.removeItem(`steps-${service}`);
    expect(notRestored(), 'the page was loaded again, not restored').to.equal(null);

    const first = (name: string) => spans.find((x) => x.name === name && x.attributes['browser.web_vital.navigation_type'] === 'navigate')!;
    const again = (name: string) => spans.find(restored(name))!;
    expect(again('TTFB').attributes['browser.web_vital.value']).to.equal(0);
    for (const name of ['TTFB', 'FCP', 'LCP', 'CLS']) {
      expect(first(name), name).to.not.equal(undefined);
      expect(again(name).attributes['browser.web_vital.id'], name).to.not.equal(first(name).attributes['browser.web_vital.id']);
      expect(again(name).attributes['page_view.id'], name).to.not.equal(first(name).attributes['page_view.id']);
    }
    // Counted from the restore, which came seconds after the page first loaded.
    for (const name of ['TTFB', 'FCP', 'LCP']) expect(again(name).start - first(name).start, name).to.be.greaterThan(2000);
    // CLS starts again at 0 (nothing moved after the restore), reported when the page was left again.
    expect(again('CLS').attributes['browser.web_vital.value']).to.equal(0);
    // FCP and LCP of the restored page: the time to its next painted frame.
    expect(again('FCP').attributes['browser.web_vital.value']).to.be.greaterThan(0);
    expect(again('LCP').attributes['browser.web_vital.value']).to.equal(again('FCP').attributes['browser.web_vital.value']);
  });
});
