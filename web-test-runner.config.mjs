// Browser tests: real browsers, real servers. One engine per run, chosen by OTEL_BROWSER_ENGINE
// (chromium, the default; firefox; webkit); `npm test` (scripts/test.mjs) runs the engines one after
// another so the three never compete for the CPU at once.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { TestRunner } from '@web/test-runner-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import puppeteer from 'puppeteer-core';
import { findFirefox, findWebkit } from './scripts/engines.mjs';
import { chromeArgs, findChrome } from './scripts/find-chrome.mjs';
import { startWebkitDriver } from './scripts/webkit-driver.mjs';
import { otelTestServers } from './test/servers/wtr-plugin.mjs';
import { summaryReporter } from './test/servers/summary-reporter.mjs';

const engine = (process.env.OTEL_BROWSER_ENGINE || 'chromium').toLowerCase();
// When web-test-runner stops early it exits 1 without its summary, and what it printed through `console`
// is lost: its terminal holds console output back and is not flushed on that exit (a WebKit run ended so,
// without a word, on 2026-12-04). So the reason goes straight to stderr: a signal, or the error it stops on.
process.on('SIGINT', () => process.stderr.write('[otel-browser tests] web-test-runner got SIGINT: it stops without a summary\n'));
const stopRunner = TestRunner.prototype.stop;
TestRunner.prototype.stop = function (error) {
  if (error) process.stderr.write(`[otel-browser tests] web-test-runner stops on an error: ${error?.stack ?? error}\n`);
  return stopRunner.call(this, error);
};
const servers = otelTestServers();

// Each test file's page in a window of its own: tabs sharing a window are hidden while another is in
// front, and a hidden page neither paints (no FCP/LCP) nor runs timers at full speed.
const ownWindow = ({ context }) => context.newPage({ type: 'window' });

async function browserFor(name) {
  if (name === 'chromium') {
    return chromeLauncher({ launchOptions: { executablePath: findChrome(), headless: true, args: chromeArgs }, createPage: ownWindow });
  }
  if (name === 'firefox') {
    // Firefox over WebDriver BiDi (puppeteer-core 24), no geckodriver needed.
    return chromeLauncher({ puppeteer, launchOptions: { browser: 'firefox', executablePath: findFirefox(), headless: true }, createPage: ownWindow });
  }
  if (name === 'webkit') {
    const webkit = findWebkit();
    if (webkit.missing.length) throw new Error(`WebKit missing: ${webkit.missing.join(', ')}`);
    const { port } = await startWebkitDriver(webkit);
    return webdriverLauncher({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      // Session creation hangs (rather than fails) when the browser cannot start: bound it.
      connectionRetryTimeout: 60000,
      connectionRetryCount: 1,
      capabilities: {
        browserName: 'MiniBrowser',
        // webdriverio's default BiDi upgrade fails with WebKitWebDriver ("Failed to match capabilities").
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: webkit.browser, args: ['--automation'] },
      },
    });
  }
  throw new Error(`unknown OTEL_BROWSER_ENGINE "${name}" (chromium, firefox or webkit)`);
}

// Test files that deny consent: a denial deletes every stored batch of every endpoint of the origin (as
// it must), and all test pages share one origin, so these would wipe what a delivery test in the other
// window has just stored. `npm test` runs them in a phase of their own (OTEL_TEST_PHASE=storage-wiping),
// one file at a time, after the others (OTEL_TEST_PHASE=shared); without the variable every file runs.
const STORAGE_WIPING = ['test/privacy/consent.stop.test.ts', 'test/privacy/consent.test.ts', 'test/export/batch-processor.test.ts'];
const TEST_PHASE = process.env.OTEL_TEST_PHASE;

export default {
  files:
    TEST_PHASE === 'storage-wiping'
      ? STORAGE_WIPING
      : TEST_PHASE === 'shared'
        ? ['test/**/*.test.ts', '!test/e2e/**', ...STORAGE_WIPING.map((f) => `!${f}`)]
        : ['test/**/*.test.ts', '!test/e2e/**'],
  // OpenTelemetry packages ship Node platform code too; the browser field picks the browser build.
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), servers],
  middleware: [servers.middleware],
  browsers: [await browserFor(engine)],
  // WebKit through WebDriver has one window: with concurrency > 1 web-test-runner would run test files in
  // iframes, where page visibility and page exit do not behave as in a tab.
  concurrency: engine === 'webkit' || TEST_PHASE === 'storage-wiping' ? 1 : 2,
  browserStartTimeout: 120000,
  testsFinishTimeout: 300000,
  // Longer than the tests' own waits on conditions (WAIT_CEILING_MS in test/support/helpers.ts), so a failure says
  // what was awaited rather than only that mocha ran out of time.
  testFramework: { config: { timeout: 60000 } },
  reporters: [defaultReporter(), summaryReporter(engine)],
};
