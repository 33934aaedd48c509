import { expect } from 'chai';
import { createLogger } from '../../src/lib/logger';
import type { StoredBatch } from '../../src/export/store';
import { Delivery } from '../../src/export/delivery';
import { DropCounter } from '../../src/export/drops';
import { DEFAULT_EXPORT } from '../../src/config';
import { until } from '../support/delivery-helpers';

describe('delivery: memory while the collector is failing', () => {
  /** A delivery whose collector answers 503 (retried a minute later), and a store that records what it is given. */
  function setUp({ ready = true, room = true, leased = [] as StoredBatch[] } = {}) {
    const sent: string[] = [];
    const put: { body: string; now: boolean | undefined }[] = [];
    const acked: string[] = [];
    const store = {
      put: (batch: StoredBatch, now?: boolean) => (room ? (put.push({ body: batch.body, now }), `id-${put.length}`) : false),
      ready: () => ready,
      lease: async () => ({ batches: leased.splice(0) }),
      ack: (id: string) => acked.push(id),
      discardAll: async () => undefined,
      flush: () => undefined,
      clearAll: async () => undefined,
    };
    const drops = new DropCounter();
    const delivery = new Delivery({
      win: window,
      endpoint: 'https://collector.invalid/v1/traces',
      transport: async (body) => (sent.push(typeof body == 'string' ? body : new TextDecoder().decode(body)), { status: 503 }),
      store,
      options: { ...DEFAULT_EXPORT, retry: { initialDelayMs: 60000, maxDelayMs: 60000, maxElapsedMs: 600000 } },
      logger: createLogger(false),
      drops,
    });
    return { sent, put, acked, drops, delivery };
  }
  const outgoing = (body: string, spans = 1, reported?: number) => ({ body, spans, reported });
  /** Two batches fail and wait to retry: the collector is failing and the room on the wire is taken. */
  async function twoRetrying(delivery: Delivery): Promise<void> {
    delivery.send(outgoing('a'));
    delivery.send(outgoing('b'));
    await delivery.settled();
  }

  // That they are sent from storage once the collector answers again: the spill test in batch-processor.test.ts.
  it('stores batches beyond the two retrying at once, instead of holding them', async () => {
    const { sent, put, delivery } = setUp();
    await twoRetrying(delivery);
    expect(delivery.hasRoom(), 'two batches wait to retry').to.equal(false);
    expect(delivery.hasRoom(true), 'for a full batch: storage takes it').to.equal(true);
    delivery.send(outgoing('c'));
    expect(put, 'stored at once, not held').to.deep.equal([{ body: 'c', now: false }]);
    expect(sent).to.deep.equal(['a', 'b']);
    expect(delivery.stats().active).to.equal(2);
    delivery.stop();
  });

  it('keeps to the queue where storage cannot take batches (no IndexedDB or no consent)', async () => {
    const { put, delivery } = setUp({ ready: false });
    await twoRetrying(delivery);
    expect(delivery.hasRoom()).to.equal(false);
    expect(delivery.hasRoom(true)).to.equal(false);
    expect(put).to.deep.equal([]);
    delivery.stop();
  });

  it('counts a batch storage cannot take, with the losses it was reporting', async () => {
    const { drops, delivery } = setUp({ room: false });
    await twoRetrying(delivery);
    delivery.send(outgoing('c', 3, 5));
    expect(drops.total, 'its own spans lost').to.equal(3);
    expect(drops.unreported, 'and the 5 it reported, to report again').to.equal(8);
  });

  it('does not hold stored batches waiting for room in memory; they stay stored for a later replay', async () => {
    const stored = (id: string): StoredBatch => ({ endpoint: 'https://collector.invalid/v1/traces', body: id, spans: 1, bytes: 2, createdAt: Date.now(), id });
    const { sent, acked, delivery } = setUp({ leased: ['s1', 's2', 's3', 's4'].map(stored) });
    delivery.replay();
    await until('the replay on the wire', async () => (sent.length >= 2 ? true : undefined));
    await delivery.settled();
    expect(sent, 'two at a time').to.deep.equal(['s1', 's2']);
    expect(delivery.stats().backlog, 'the rest stays in storage only').to.equal(0);
    expect(acked, 'nothing deleted from storage').to.deep.equal([]);
    delivery.stop();
  });
});
