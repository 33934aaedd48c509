// The benchmark page for each variant. The SDK bundle is loaded as users load it, `<script src>` from
// /bundle/<file>, so the browser may compile it while it streams in. Served with one statement in
// front that notes the time its evaluation starts: from there to the end of init() is evaluate + init
// on the main thread. For CPU profiles (`external`) the file is served as built, so profile frames
// map through its source map to the original functions.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/**
 * Variants: `none` (uninstrumented), `otel-browser` (dist/otel-browser.min.js, defaults), `otel-browser-zone`
 * (dist/otel-browser.zone.min.js, when it is built),
 * `upstream` (plain upstream OpenTelemetry, bench/upstream/entry.mjs), the peers of bench/peers/build.mjs
 * (`otel-browser-npm`, `elastic`, `official`: `peerBundles`, variant -> path), and optionally `candidate`: another
 * build of the script-tag bundle (e.g. with a proposed change), to compare with `otel-browser` side by side.
 * @param {{ upstreamBundle: string, peerBundles?: Record<string, string>, candidateBundle?: string, external?: boolean }} options
 */
export function createPageRenderer({ upstreamBundle, peerBundles = {}, candidateBundle, external = false }) {
  const paths = { none: undefined, 'otel-browser': `${root}dist/otel-browser.min.js`, upstream: upstreamBundle, ...peerBundles };
  // The zone build, when another branch's rollup config makes it: measured only when listed in --variants.
  if (existsSync(`${root}dist/otel-browser.zone.min.js`)) paths['otel-browser-zone'] = `${root}dist/otel-browser.zone.min.js`;
  if (candidateBundle) paths.candidate = candidateBundle;
  const code = Object.fromEntries(Object.entries(paths).map(([variant, path]) => [variant, path ? readFileSync(path, 'utf8') : '']));
  const initCalls = {
    none: () => 'undefined',
    'otel-browser': (config) => `OtelBrowser.init(${JSON.stringify(config)})`,
    upstream: (config) => `UpstreamOtel.init(${JSON.stringify(config)})`,
    'otel-browser-zone': (config) => `OtelBrowser.init(${JSON.stringify(config)})`,
    candidate: (config) => `OtelBrowser.init(${JSON.stringify(config)})`,
  };
  // The peers bundled by bench/peers/build.mjs all define `window.BenchSdk`.
  for (const variant of Object.keys(peerBundles)) initCalls[variant] = (config) => `BenchSdk.init(${JSON.stringify(config)})`;
  /** What /bundle/<name> serves: each bundle and its source map, name -> () => body. */
  const files = {};
  const fileName = (variant) => `${variant}-${basename(paths[variant])}`;
  for (const variant of Object.keys(paths).filter((v) => paths[v])) {
    const body = external ? code[variant] : prependStatement(code[variant], '__bench.tEval = performance.now();');
    files[fileName(variant)] = () => body;
    files[`${fileName(variant)}.map`] = () => readFileSync(`${paths[variant]}.map`);
  }
  const scriptFor = (variant) => (paths[variant] ? `<script src="/bundle/${fileName(variant)}"></script>` : '');
  return {
    /** The variants that can be served (the zone bundle and the candidate only when present). */
    available: Object.keys(paths),
    files,
    bundleCode: (variant) => code[variant],
    /** The source map of the file a profile frame's URL points to, if it is one of the bundles. */
    sourceMapFor: (url) => {
      const name = /\/bundle\/([^/?#]+)$/.exec(url)?.[1];
      const variant = Object.keys(paths).find((v) => paths[v] && fileName(v) === name);
      return variant && existsSync(`${paths[variant]}.map`) ? JSON.parse(readFileSync(`${paths[variant]}.map`, 'utf8')) : undefined;
    },
    render(variant, query) {
      if (!(variant in paths)) return '<!doctype html><title>unknown variant</title>';
      const config = { endpoint: query.get('endpoint') ?? '/otlp/v1/traces', serviceName: query.get('service') ?? 'bench' };
      return `<!doctype html>
<html><head><meta charset="utf-8"><title>bench ${variant}</title>
<script>
window.__bench = { longTasks: [] };
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) __bench.longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask' });
} catch (e) {}
__bench.t0 = performance.now();
</script>
${scriptFor(variant)}
<script>
__bench.tInit = performance.now();
__bench.handle = ${initCalls[variant](config)};
__bench.t1 = performance.now();
</script>
</head><body><p>benchmark page: ${variant}</p></body></html>`;
    },
  };
}

/**
 * `code` with `statement` as its first statement: after a leading `//#` comment line (V8's compile hint),
 * which must stay the first line to work. Used to time a bundle's evaluation from its first statement.
 */
export function prependStatement(code, statement) {
  const lineEnd = code.startsWith('//#') ? code.indexOf('\n') + 1 : 0;
  return `${code.slice(0, lineEnd)}${statement}\n${code.slice(lineEnd)}`;
}
