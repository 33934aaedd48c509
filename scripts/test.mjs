// `npm test`: makes sure a browser is there, builds (the script-tag tests load dist/), then runs
// the browser tests (web-test-runner) and the end-to-end tests (node's test runner + playwright-core).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { ensureChrome } from './find-chrome.mjs';

process.env.CHROME_PATH = ensureChrome();

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

if (run('npm', ['run', 'build', '--silent']) !== 0) process.exit(1);
let failed = run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs', ...(process.stdout.isTTY ? [] : ['--static-logging']), ...process.argv.slice(2).filter((a) => a !== '--browser-only')]) !== 0;
const e2e = existsSync('test/e2e') ? readdirSync('test/e2e').filter((f) => f.endsWith('.test.mjs')) : [];
if (e2e.length && !process.argv.includes('--browser-only')) {
  failed = run('node', ['--test', '--test-concurrency=1', ...e2e.map((f) => `test/e2e/${f}`)]) !== 0 || failed;
}
process.exit(failed ? 1 : 0);
