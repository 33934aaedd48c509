// `node bench/compile-probe.mjs [--list N] [bundle.js ...]`: what V8 compiles on the main thread while the
// script-tag bundle (default dist/otel-browser.min.js) runs `OtelBrowser.init()`. A count, not a timer:
// V8 compiles a function on its first call, and that compiling is most of init()'s time, but timers on
// a shared machine swing 2x from one load to the next, while this count does not move. For each bundle,
// one page load in Chromium with V8's function-event log (`--log-function-events`, single process) gives
// the functions first compiled between two marker functions the page calls around `init()`: how many,
// and how much source they span (a function's span includes the inner functions it only pre-parses).
// `--list N` also prints the N largest, mapped to their source files through the bundle's source map.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeArgs, findChrome } from '../scripts/find-chrome.mjs';
import { createLookup } from './sourcemap.mjs';

const args = process.argv.slice(2);
const listAt = args.indexOf('--list');
const list = listAt >= 0 ? Number(args.splice(listAt, 2)[1]) : 0;
const bundles = args.length ? args : [new URL('../dist/otel-browser.min.js', import.meta.url).pathname];

// The markers are compiled on their first call like any function: their compile events bound the window.
const page = `<!doctype html><html><head><script src="/bundle.js"></script>
<script>function __before() {} __before(); OtelBrowser.init({ endpoint: '/otlp/v1/traces', serviceName: 'probe' }); function __after() {} __after();</script>
</head><body><p>compile probe</p></body></html>`;

async function compiledDuringInit(bundle) {
  const code = readFileSync(bundle, 'utf8');
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
    if (req.url === '/bundle.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(code);
    res.writeHead(200).end('{}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'compile-probe-'));
  const log = join(dir, 'v8.log');
  try {
    const browser = await chromium.launch({
      executablePath: findChrome(),
      // One process, so the renderer's V8 writes the log where we read it.
      args: [...chromeArgs, `--js-flags=--log-function-events --logfile=${log} --no-logfile-per-isolate`, '--single-process'],
      headless: true,
    });
    const tab = await (await browser.newContext()).newPage();
    await tab.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'load' });
    await browser.close();
    // Lines: `function,<event>,<script id>,<start>,<end>,<ms>,<timestamp>,<name>`.
    const lines = readFileSync(log, 'utf8')
      .split('\n')
      .map((line) => line.split(','));
    const scriptId = lines.find((l) => l[0] === 'script-details' && l[2]?.endsWith('/bundle.js'))?.[1];
    const compiled = (name) => lines.find((l) => l[0] === 'function' && l[1] === 'interpreter' && l[7] === name);
    const [from, to] = [compiled('__before'), compiled('__after')].map((l) => Number(l?.[6]));
    if (!scriptId || !(from < to)) throw new Error('the V8 log has no bundle or no markers');
    return lines
      .filter((l) => l[0] === 'function' && l[1] === 'interpreter' && l[2] === scriptId && Number(l[6]) > from && Number(l[6]) < to)
      .map((l) => ({ start: Number(l[3]), end: Number(l[4]) }));
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Maps a character offset in the bundle to `file:line` of its source, through the bundle's source map. */
function sourceOf(bundle) {
  if (!existsSync(`${bundle}.map`)) return () => '?';
  const code = readFileSync(bundle, 'utf8');
  const lookup = createLookup(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    const original = lookup(line, offset - lineStarts[line]);
    return original ? `${original.source.replace(/^.*?(src|node_modules)\//, '$1/')}:${original.line + 1}` : '?';
  };
}

for (const bundle of bundles) {
  const functions = await compiledDuringInit(bundle);
  const bytes = functions.reduce((sum, f) => sum + f.end - f.start, 0);
  console.log(`${bundle}: init() compiled ${functions.length} functions spanning ${bytes} B of source`);
  if (!list) continue;
  const where = sourceOf(bundle);
  for (const f of functions.sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, list)) {
    console.log(`  ${String(f.end - f.start).padStart(6)} B  ${where(f.start)}`);
  }
}
