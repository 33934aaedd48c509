// Packaging: what a user gets from the published package. Packs the build, installs the tarball into
// two scratch apps (OpenTelemetry JS 2.x on api 1.9, 3.x on api 1.10; see packaging/apps.mjs), and
// checks in each: one @opentelemetry/api in the tree; `import('otel-browser')` in Node (server-side
// rendering); the published types under moduleResolution "bundler" and module "node16" with
// skipLibCheck false; and, bundled with esbuild and loaded in headless Chromium against the test
// receiver, the app's own spans, the SDK's spans as their children, and an upstream instrumentation's
// spans, all exported. Installs are cached under node_modules/.cache/otel-browser-packaging.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromeArgs, findChrome } from '../../scripts/find-chrome.mjs';
import { listen } from '../servers/listen.mjs';
import { createReceiver } from '../servers/receiver.mjs';
import { OTEL2, OTEL3 } from './packaging/apps.mjs';
import { installApp, packBuild, ROOT } from './packaging/install.mjs';

const run = promisify(execFile);
const OUR_FETCH_SCOPE = '@opentelemetry/instrumentation-fetch';
const INTERACTION_SCOPE = 'otel-browser/user-interaction';
const APP_SCOPE = 'packaging-app';
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** Runs a command; resolves to { code, stdout, stderr } whatever the exit code. */
async function exec(file, args, options) {
  try {
    const { stdout, stderr } = await run(file, args, { encoding: 'utf8', maxBuffer: 16 << 20, ...options });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
  }
}

let tarball;
let browser;
before(async () => {
  tarball = packBuild();
  browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs, headless: true });
});
after(async () => {
  await browser?.close();
});

for (const app of [OTEL2, OTEL3]) {
  describe(`packaging: an OpenTelemetry JS ${app.name === 'otel2' ? '2.x (api 1.9)' : '3.x (api 1.10)'} app`, () => {
    let dir;
    before(() => {
      dir = installApp(app, tarball);
    });

    it('has one @opentelemetry/api, and every peer range is met (npm ls exits 0)', async () => {
      // One npm ls (it is slow): --parseable lists each installed copy's folder; the exit code is 1 when
      // any package's dependency or peer range is not met, whatever the format.
      const ls = await exec('npm', ['ls', '@opentelemetry/api', '--all', '--parseable'], { cwd: dir });
      const copies = [...new Set(ls.stdout.split('\n').filter((line) => line.endsWith('@opentelemetry/api')))];
      assert.equal(copies.length, 1, `expected one api copy, found:\n${copies.join('\n')}`);
      const { version } = JSON.parse(readFileSync(join(copies[0], 'package.json'), 'utf8'));
      assert.match(version, app.name === 'otel2' ? /^1\.9\./ : /^1\.10\./, "the app's own api version");
      assert.equal(ls.code, 0, `npm ls found unmet ranges:\n${ls.stderr}`);
    });

    it('imports in Node (server-side rendering): init() returns the no-op handle after one short line', async () => {
      const script = `
        const m = await import('otel-browser');
        const first = m.init({ endpoint: 'https://collector.example/v1/traces', serviceName: 'ssr' });
        const second = m.init({ endpoint: 'https://collector.example/v1/traces', serviceName: 'ssr' });
        await first.forceFlush(); await first.shutdown(); await second.forceFlush();
        first.setAttributes({ a: 1 }); first.setConsent('granted');
        console.log(JSON.stringify({ session: first.getSessionId() ?? null, init: typeof m.init }));`;
      const result = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: dir });
      assert.equal(result.code, 0, `import failed:\n${result.stderr}`);
      assert.deepEqual(JSON.parse(result.stdout.trim()), { session: null, init: 'function' });
      const lines = result.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
      assert.match(lines[0], /^\[otel-browser\] not a browser/);
    });

    it("require() resolves it (Node's require(esm)), or fails with a message that names ESM", async () => {
      const result = await exec(process.execPath, ['-e', "console.log(typeof require('otel-browser').init)"], { cwd: dir });
      if (result.code === 0) assert.equal(result.stdout.trim(), 'function');
      else assert.match(result.stderr, /ERR_REQUIRE_ESM|ES Module/, result.stderr);
    });

    /** Compiles types-check.ts and bad-option.ts under `mode`; resolves to tsc's error lines. */
    async function compile(mode) {
      const file = `tsconfig.${mode}.json`;
      const compilerOptions = {
        ...(mode === 'bundler' ? { module: 'esnext', moduleResolution: 'bundler' } : { module: 'node16', moduleResolution: 'node16' }),
        target: 'es2022',
        lib: ['es2022', 'dom', 'dom.iterable'],
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: [],
      };
      await writeFile(join(dir, file), JSON.stringify({ compilerOptions, files: ['types-check.ts', 'bad-option.ts'] }));
      const result = await exec(process.execPath, [TSC, '-p', file, '--pretty', 'false'], { cwd: dir });
      return { output: result.stdout, errors: result.stdout.split('\n').filter((line) => / error TS\d+/.test(line)) };
    }
    // Both compiles start together: tsc spends most of its time loading lib.dom.d.ts.
    const compiles = {};
    before(() => {
      for (const mode of ['bundler', 'node16']) {
        compiles[mode] = compile(mode);
        compiles[mode].catch(() => {}); // awaited by its test
      }
    });

    for (const mode of ['bundler', 'node16']) {
      it(`types compile with ${mode === 'bundler' ? 'moduleResolution "bundler"' : 'module "node16"'} and skipLibCheck false; wrong option types are errors`, async () => {
        const { output, errors } = await compiles[mode];
        const outside = errors.filter((line) => !line.startsWith('bad-option.ts('));
        assert.deepEqual(outside, [], 'errors outside bad-option.ts');
        const wrongLines = readFileSync(join(dir, 'bad-option.ts'), 'utf8')
          .split('\n')
          .flatMap((line, index) => (line.includes('// wrong') ? [index + 1] : []));
        const errorLines = [...new Set(errors.map((line) => Number(/^bad-option\.ts\((\d+),/.exec(line)?.[1])))];
        assert.deepEqual(errorLines, wrongLines, `each wrong option must be an error:\n${output}`);
      });
    }

    describe('bundled with esbuild, in Chromium', () => {
      let server;
      let page;
      const receiver = createReceiver();
      const apiRequests = [];
      const pageErrors = [];

      before(async () => {
        const bundle = await build({
          absWorkingDir: dir,
          entryPoints: ['main.ts'],
          bundle: true,
          format: 'iife',
          platform: 'browser',
          target: 'es2020',
          write: false,
          logLevel: 'silent',
        });
        const script = bundle.outputFiles[0].text;
        const html = '<!doctype html><meta charset="utf-8"><title>app</title><button id="buy">Buy</button><script src="/app.js"></script>';
        server = await listen(async (req, res) => {
          const url = new URL(req.url, 'http://127.0.0.1');
          if (url.pathname === '/v1/traces') return receiver.handle(req, res);
          if (url.pathname === '/app.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
          if (url.pathname === '/api') {
            apiRequests.push({ search: url.search, traceparent: req.headers.traceparent });
            return res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
          }
          if (url.pathname === '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
          if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
          res.writeHead(404).end();
        });
        page = await browser.newPage();
        page.on('pageerror', (error) => pageErrors.push(String(error)));
        page.on('console', (message) => {
          if (message.type() === 'error' || message.text().startsWith('[otel-browser]')) pageErrors.push(message.text());
        });
        await page.goto(`${server.origin}/`, { waitUntil: 'load' });
        await page.evaluate(() => window.scenario());
        await page.click('#buy');
      });
      after(async () => {
        await page?.close();
        await server?.close();
      });

      /** Waits (flushing the SDK meanwhile) until `find` finds its span; fails listing the spans that did arrive. */
      async function waitForSpan(what, find) {
        const deadline = Date.now() + 20000;
        for (;;) {
          const found = receiver.spans().find(find);
          if (found) return found;
          if (Date.now() > deadline) {
            const got = receiver.spans().map((s) => `${s.scope}: ${s.name}`);
            assert.fail(`${what} was not exported; got [${got.join(', ')}]; page errors: [${pageErrors.join(' | ')}]`);
          }
          await page.evaluate(() => window.flush()).catch(() => {});
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      const urlOf = (span) => Object.values(span.attributes).find((value) => typeof value === 'string' && value.includes('/api?'));

      it("exports the app's manual span, and the SDK's fetch inside it is its child (with the traceparent sent)", async () => {
        const manual = await waitForSpan('the manual span', (s) => s.scope === APP_SCOPE && s.name === 'manual');
        const fetchSpan = await waitForSpan('the fetch span', (s) => s.scope === OUR_FETCH_SCOPE && String(urlOf(s)).endsWith('via=ours'));
        assert.equal(fetchSpan.traceId, manual.traceId);
        assert.equal(fetchSpan.parentSpanId, manual.spanId);
        const sent = apiRequests.find((r) => r.search === '?via=ours');
        assert.equal(sent?.traceparent, `00-${fetchSpan.traceId}-${fetchSpan.spanId}-01`);
        assert.deepEqual(pageErrors, []);
      });

      it("an app span started in a click handler is the SDK's click span's child", async () => {
        const inClick = await waitForSpan('the in-click span', (s) => s.scope === APP_SCOPE && s.name === 'in-click');
        const click = await waitForSpan('the click span', (s) => s.scope === INTERACTION_SCOPE && s.spanId === inClick.parentSpanId);
        assert.equal(click.traceId, inClick.traceId);
        assert.match(click.name, /^click /);
      });

      it("exports the upstream instrumentation's span (registerInstrumentations)", async () => {
        if (app === OTEL2) {
          const longTask = await waitForSpan('the upstream long-task span', (s) => s.scope === '@opentelemetry/instrumentation-long-task');
          assert.equal(longTask.name, 'longtask');
        } else {
          const manual = await waitForSpan('the manual span', (s) => s.scope === APP_SCOPE && s.name === 'manual');
          // Our fetch instrumentation ignores via=upstream, so a span for it can only be upstream's.
          const upstream = await waitForSpan('the upstream fetch span', (s) => String(urlOf(s)).endsWith('via=upstream'));
          assert.equal(upstream.parentSpanId, manual.spanId);
          assert.equal(upstream.traceId, manual.traceId);
        }
      });
    });
  });
}
