// Browser tests: real headless Chromium (Debian's, found by scripts/find-chrome.mjs), real servers.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromeArgs, findChrome } from './scripts/find-chrome.mjs';
import { otelTestServers } from './test/servers/wtr-plugin.mjs';
import { summaryReporter } from './test/servers/summary-reporter.mjs';

const servers = otelTestServers();

export default {
  files: ['test/**/*.test.ts', '!test/e2e/**'],
  // OpenTelemetry packages ship Node platform code too; the browser field picks the browser build.
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), servers],
  middleware: [servers.middleware],
  // Each test file's page in a window of its own: tabs sharing a window are hidden while another is in
  // front, and a hidden page neither paints (no FCP/LCP) nor runs timers at full speed.
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome(), headless: true, args: chromeArgs }, createPage: ({ context }) => context.newPage({ type: 'window' }) })],
  concurrency: 2,
  testsFinishTimeout: 180000,
  // Longer than the tests' own waits on conditions (WAIT_CEILING_MS in test/helpers.ts), so a failure says
  // what was awaited rather than only that mocha ran out of time.
  testFramework: { config: { timeout: 60000 } },
  reporters: [defaultReporter(), summaryReporter()],
};
