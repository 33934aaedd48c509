// `npm run demo` as users run it (node demo/run.mjs is what the npm script runs): the headless mode
// proves the join and prints the tree; the interactive mode prints its URLs, serves, and stops
// cleanly on Ctrl-C (SIGINT), taking its backend processes with it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeEngines } from '../../scripts/launch-browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runDemo(args) {
  const child = spawn(process.execPath, ['demo/run.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output };
}

async function until(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm run demo', () => {
  for (const engine of nodeEngines())
    it(`--headless --browser ${engine} drives the pages, prints the joined trace as a tree and exits 0`, async () => {
      const demo = runDemo(['--headless', '--browser', engine]);
      const { code } = await demo.exited;
      const output = demo.output();
      assert.equal(code, 0, output);
      assert.match(output, /^JOINED: /m);
      // A browser span with a backend SERVER span indented under it, and the inventory service deeper.
      const tree = output.split('\n');
      // (How deep the CLIENT span sits depends on the click and manual spans above it.)
      const client = tree.findIndex((line) => /^ +GET\s+\[shop-web, browser\]\s+CLIENT/.test(line));
      assert.ok(client >= 0, output);
      const depth = tree[client].search(/\S/);
      assert.match(tree[client + 1], new RegExp(`^ {${depth + 2}}GET\\s+\\[shop-api, node\\]\\s+SERVER`));
      assert.ok(
        tree.some((line) => new RegExp(`^ {${depth + 8}}GET\\s+\\[inventory, node\\]\\s+SERVER`).test(line)),
        output,
      );
    });

  it('prints its URLs, serves the pages, and stops cleanly on Ctrl-C', async () => {
    const demo = runDemo([]);
    await until(() => /trace view\s+http/.test(demo.output()), 30000, 'the URLs');
    const shop = /shop, script tag\s+(http\S+)/.exec(demo.output())[1];
    const api = /backend API\s+(http\S+)/.exec(demo.output())[1];
    const page = await fetch(shop);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('server-timing'), /^traceparent;desc="00-[0-9a-f]{32}-[0-9a-f]{16}-01"$/);
    assert.match(await page.text(), /otel-browser\.min\.js/);
    demo.child.kill('SIGINT');
    const { code } = await demo.exited;
    assert.equal(code, 0, demo.output());
    // The backend processes are gone with it.
    await assert.rejects(fetch(`${api}/api/products`), 'the backend stopped');
  });
});
