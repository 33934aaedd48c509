// The benchmark page for each variant. The SDK bundle is inlined, so the time from the first inline
// script to the end of init is compile + evaluate + init, without any network time. For CPU profiles
// (`external`), the bundle is loaded from /bundle/<file> instead, so profile frames point into a file
// whose source map names the original function.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/**
 * Variants: `none` (uninstrumented), `otel-browser` (dist/otel-browser.min.js, defaults), `otel-browser-zone`
 * (dist/otel-browser.zone.min.js, when it is built) and
 * `upstream` (plain upstream OpenTelemetry, bench/upstream/entry.mjs), and optionally `candidate`: another
 * build of the script-tag bundle (e.g. with a proposed change), to compare with `otel-browser` side by side.
 * @param {{ upstreamBundle: string, candidateBundle?: string, external?: boolean }} options
 */
export function createPageRenderer({ upstreamBundle, candidateBundle, external = false }) {
  const paths = { none: undefined, 'otel-browser': `${root}dist/otel-browser.min.js`, upstream: upstreamBundle };
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
  /** What /bundle/<name> serves: each bundle and its source map. */
  const files = {};
  const fileName = (variant) => `${variant}-${basename(paths[variant])}`;
  for (const variant of Object.keys(paths).filter((v) => paths[v])) {
    files[fileName(variant)] = paths[variant];
    files[`${fileName(variant)}.map`] = `${paths[variant]}.map`;
  }
  const scriptFor = (variant) => {
    if (!paths[variant]) return '<script></script>';
    if (external) return `<script src="/bundle/${fileName(variant)}"></script>`;
    // </script> cannot appear inside an inline script; the bundles never contain it, but be safe.
    return `<script>${code[variant].replace(/<\/script/gi, '<\\/script')}</script>`;
  };
  return {
    /** The variants that can be served (the zone bundle and the candidate only when present). */
    available: Object.keys(paths),
    files,
    bundleCode: (variant) => code[variant],
    /** The source map of the file a profile frame's URL points to, if it is one of the bundles. */
    sourceMapFor: (url) => {
      const name = /\/bundle\/([^/?#]+)$/.exec(url)?.[1];
      return name && existsSync(files[`${name}.map`] ?? '') ? JSON.parse(readFileSync(files[`${name}.map`], 'utf8')) : undefined;
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
__bench.handle = ${initCalls[variant](config)};
__bench.t1 = performance.now();
</script>
</head><body><p>benchmark page: ${variant}</p></body></html>`;
    },
  };
}
