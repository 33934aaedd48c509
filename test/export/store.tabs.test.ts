import { expect } from 'chai';
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
      // What each tab wrote last reaches this page's view of storage.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const kept = (endpoint: string) => localBatches().filter((b) => b.endpoint === endpoint).length;
      expect(
        tabs.map((t) => kept(t.endpoint)),
        'batches kept per tab (every other one was acknowledged)',
      ).to.deep.equal([count / 2, count / 2]);
    } finally {
      for (const frame of frames) frame.remove();
      for (const key of Object.keys(localStorage)) if (key.includes(run)) localStorage.removeItem(key);
      for (const b of localBatches()) if (b.endpoint.includes(run)) localStorage.removeItem(`otel-browser.batches.${b.id}`);
    }
  });
});
