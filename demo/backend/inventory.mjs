// The second backend service: the shop API calls it, so traces have depth across two Node
// processes. Not reachable from the browser (no CORS).
import { trace } from '@opentelemetry/api';
import { inSpan, listen, readJson, ready, sleep } from './http.mjs';

const tracer = trace.getTracer('demo-inventory');
const STOCK = { 'p-1': 12, 'p-2': 0, 'p-3': 5 };

async function handle(req, res) {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'GET' && url.pathname === '/stock') {
    const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
    const stock = await inSpan(
      tracer,
      'SELECT inventory.stock',
      { 'db.system.name': 'sqlite', 'db.operation.name': 'SELECT', 'db.collection.name': 'stock' },
      async () => {
        await sleep(15 + Math.random() * 20);
        return Object.fromEntries(ids.map((id) => [id, STOCK[id] ?? 0]));
      },
    );
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(stock));
    return;
  }
  if (req.method === 'POST' && url.pathname === '/reserve') {
    const { id, quantity = 1 } = await readJson(req);
    const reserved = await inSpan(
      tracer,
      'UPDATE inventory.stock',
      { 'db.system.name': 'sqlite', 'db.operation.name': 'UPDATE', 'db.collection.name': 'stock' },
      async () => {
        await sleep(10 + Math.random() * 15);
        return (STOCK[id] ?? 0) >= quantity;
      },
    );
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, reserved }));
    return;
  }
  res.writeHead(404).end();
}

ready({ inventory: await listen(handle, Number(process.env.DEMO_PORT ?? 0)) });
