import { expect } from 'chai';
import { Delivery } from '../../src/export/delivery';
import { DEFAULT_EXPORT } from '../../src/config';
import { createLogger } from '../../src/lib/logger';
import { executeServerCommand } from '@web/test-runner-commands';
import { servers, uniqueService } from '../support/helpers';
import { until, type RawRequest } from '../support/delivery-helpers';

const sameOriginRequests = async (run: string) => (await executeServerCommand('receiver-requests', { receiver: 'same', match: run })) as RawRequest[];

describe('delivery: sendBeacon as the last resort', () => {
  // A browser whose Request knows no `keepalive`.
  const win = { navigator: window.navigator, Blob: window.Blob, Request: class {}, location: window.location } as unknown as typeof globalThis;

  it('sends by beacon on page hide where fetch has no keepalive, to a same-origin endpoint, as JSON', async () => {
    const run = uniqueService('delivery-beacon');
    const endpoint = new URL(`/otlp/v1/traces?run=${run}`, location.href).href;
    const fetched: unknown[] = [];
    const dropped: number[] = [];
    const delivery = new Delivery({
      win,
      endpoint,
      transport: async (body) => {
        fetched.push(body);
        return { status: 200 };
      },
      options: DEFAULT_EXPORT,
      logger: createLogger(false),
      drops: { count: (n) => dropped.push(n) },
    });
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: run } }] },
          scopeSpans: [
            {
              scope: { name: 't' },
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId: 'b7ad6b7169203331',
                  name: 'by-beacon',
                  kind: 1,
                  startTimeUnixNano: '1',
                  endTimeUnixNano: '2',
                  attributes: [],
                  events: [],
                  links: [],
                  status: {},
                },
              ],
            },
          ],
        },
      ],
    });
    delivery.hide([{ body, spans: 1 }], true);
    expect(fetched, 'no fetch').to.deep.equal([]);
    expect(dropped).to.deep.equal([]);
    const requests = await until('the beacon', async () => {
      const all = await sameOriginRequests(run);
      return all.length ? all : undefined;
    });
    expect(requests[0].headers['content-type']).to.equal('application/json');
    expect(requests[0].spans.map((x) => x.name)).to.deep.equal(['by-beacon']);
  });

  it('does not beacon to another origin (cookies would go along); the batch is stored instead', async () => {
    const s = await servers();
    const endpoint = `${s.receiver}/v1/traces?run=${uniqueService('delivery-no-beacon')}`;
    const stored: unknown[] = [];
    const delivery = new Delivery({
      win,
      endpoint,
      transport: async () => ({ status: 200 }),
      store: { put: (batch) => stored.push(batch) > 0 && 'id', lease: async () => ({ batches: [] }), ack: () => undefined, flush: () => undefined },
      options: DEFAULT_EXPORT,
      logger: createLogger(false),
      drops: { count: () => undefined },
    });
    delivery.hide([{ body: '{"resourceSpans":[]}', spans: 3 }], true);
    expect(stored).to.have.length(1);
  });
});
