// `npm run demo`: the demo shop (script tag and SPA), its traced Node backend and a local receiver
// with a trace view, all on 127.0.0.1.
//   npm run demo                      start, print the URLs, run until Ctrl-C
//   npm run demo -- --port 8080       fixed ports: 8080 web, 8081 api, 8082 partner, 8083 trace view, 8084 inventory
//   npm run demo -- --headless        drive it in headless Chromium, print the joined traces, exit 0 if joined
//   npm run demo -- --headless --browser firefox   the same in headless Firefox
//   npm run demo -- --headless --screenshot docs/trace-view.png
import { parseArgs } from 'node:util';
import { driveDemo } from './headless.mjs';
import { startDemo } from './start.mjs';

const { values: args } = parseArgs({
  options: {
    headless: { type: 'boolean' },
    port: { type: 'string', default: process.env.DEMO_PORT ?? '0' },
    screenshot: { type: 'string' },
    browser: { type: 'string', default: 'chromium' },
  },
});
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65530) {
  console.error(`--port must be a port number (or 0 for free ports); got ${args.port}`);
  process.exit(2);
}
if (!['chromium', 'firefox'].includes(args.browser)) {
  console.error(`--browser must be chromium or firefox; got ${args.browser}`);
  process.exit(2);
}

const demo = await startDemo({ port });
const { urls } = demo;
console.log(`
otel-browser demo (Ctrl-C to stop)
  shop, script tag   ${urls.shop}
  shop, SPA (rollup) ${urls.spa}
  trace view         ${urls.traceView}
  backend API        ${urls.api}   (gets traceparent)
  partner API        ${urls.partner}   (not in propagateTo: no traceparent)
  OTLP receiver      ${urls.traces}   (a development tool, not a collector)
`);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await demo.stop();
  process.exit(code);
}

if (args.headless) {
  let ok = false;
  try {
    ok = await driveDemo(demo, { screenshot: args.screenshot, engine: args.browser });
  } catch (error) {
    console.error(`headless run failed: ${error.stack ?? error}`);
  }
  await stop(ok ? 0 : 1);
} else {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
}
