// Starts the whole demo on 127.0.0.1 and returns its URLs and a stop():
//   the receiver + trace view (in this process), the inventory service and the shop backend (each a
//   Node process traced with the OpenTelemetry Node SDK, started with --import ./backend/tracing.mjs).
// Used by `npm run demo` (demo/run.mjs) and by the end-to-end tests.
import { fork, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listen } from '../test/servers/listen.mjs';
import { buildSpa } from './spa/build.mjs';
import { createTraceView } from './trace-view/server.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const ROOT = here('../');

/** `npm run build` when dist/ lacks what the pages load (the script-tag bundle and the ESM build). */
export function ensureBuilt(log = console.log) {
  if (existsSync(`${ROOT}dist/otel-browser.min.js`) && existsSync(`${ROOT}dist/esm/index.js`)) return;
  log('dist/ is missing: running npm run build first...');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** Starts one backend service as a child process; resolves once it reports its origins. */
function startService(file, env) {
  const child = fork(here(`./backend/${file}`), [], {
    cwd: ROOT,
    // Tracing first: instrumentation-http must be registered before the service loads http.
    execArgv: ['--import', pathToFileURL(here('./backend/tracing.mjs')).href],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM'); // the service flushes its spans, then exits
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ origins: message.ready, stop }));
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
  });
}

/**
 * @param {{ port?: number }} options `port` 0 (the default) picks free ports; N uses N (web), N+1 (api),
 *   N+2 (partner), N+3 (receiver and trace view), N+4 (inventory).
 */
export async function startDemo({ port = 0, log = console.log } = {}) {
  ensureBuilt(log);
  await buildSpa();
  const at = (offset) => (port ? port + offset : 0);
  // Filled in once the web origin is known: the receiver, like a Collector, only accepts listed origins.
  const allowedOrigins = [];
  const view = createTraceView({ allowedOrigins });
  const receiver = await listen(view.handle, at(3));
  const tracesUrl = `${receiver.origin}/v1/traces`;
  const stops = [receiver.close];
  try {
    const inventory = await startService('inventory.mjs', { OTEL_SERVICE_NAME: 'inventory', DEMO_TRACES_URL: tracesUrl, DEMO_PORT: String(at(4)) });
    stops.push(inventory.stop);
    const shop = await startService('shop-api.mjs', {
      OTEL_SERVICE_NAME: 'shop-api',
      DEMO_TRACES_URL: tracesUrl,
      DEMO_INVENTORY: inventory.origins.inventory,
      DEMO_PORTS: [at(0), at(1), at(2)].join(','),
      DEMO_VIEW_URL: `${receiver.origin}/`,
    });
    stops.push(shop.stop);
    allowedOrigins.push(shop.origins.web);
    const { web, api, partner } = shop.origins;
    return {
      urls: {
        shop: `${web}/`,
        spa: `${web}/spa/`,
        traceView: `${receiver.origin}/`,
        traces: tracesUrl,
        web,
        api,
        partner,
        inventory: inventory.origins.inventory,
      },
      view,
      /** Stops the services (they flush their spans first), then the receiver. */
      stop: async () => {
        for (const stop of stops.splice(0).reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop();
    throw error;
  }
}
