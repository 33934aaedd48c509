import { expect } from 'chai';
import { LOCAL_PREFIX } from '../../src/export/store';
import { localBatches, until } from '../support/delivery-helpers';
import { uniqueService } from '../support/helpers';

// Tabs of one origin share its storage but see each other's localStorage writes late (Chromium hands
// them between processes asynchronously). Every tab stores, acknowledges and leases batches there at
// once: none may erase another tab's batch.
describe('batch store: tabs writing at once', function () {
  this.timeout(60000);

  it("two tabs storing and acknowledging at once keep every one of each other's batches", async () => {
    const run = uniqueService('tabs');
    const count = 300;
    const tabs = ['a', 'b'].map((tab) => ({
      endpoint: `https://collector.invalid/${run}-${tab}`,
      done: `${run}.done.${tab}`,
    }));
    // WebKitGTK's MiniBrowser refuses windows a script opens: there two frames of this page write at once.
    const probe = window.open('about:blank', '_blank');
    probe?.close();
    const frames: HTMLIFrameElement[] = [];
    for (const { endpoint, done } of tabs) {
      const url = `/test/fixtures/store-tab.html?${new URLSearchParams({ endpoint, done, count: String(count) })}`;
      // Opened without an opener: each tab gets a process of its own, as tabs a user opens do.
      if (probe) window.open(url, '_blank', 'noopener');
      else frames.push(document.body.appendChild(Object.assign(document.createElement('iframe'), { src: url })));
    }
    try {
      await until('both tabs done', async () => (tabs.every((t) => localStorage.getItem(t.done)) ? true : undefined), 30000);
      // What each tab wrote last reaches this page's view of storage a little later: wait for it (bounded).
      const kept = () => tabs.map((t) => localBatches().filter((b) => b.endpoint === t.endpoint).length);
      await until("both tabs' batches seen here", async () => (kept().every((n) => n === count / 2) ? true : undefined), 10000).catch(() => undefined);
      expect(kept(), 'batches kept per tab (every other one was acknowledged)').to.deep.equal([count / 2, count / 2]);
    } finally {
      for (const frame of frames) frame.remove();
      for (const key of Object.keys(localStorage)) if (key.includes(run)) localStorage.removeItem(key);
      for (const b of localBatches()) if (b.endpoint.includes(run)) localStorage.removeItem(`${LOCAL_PREFIX}${b.id}`);
    }
  });
});
