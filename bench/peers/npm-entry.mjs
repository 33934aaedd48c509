// Our npm entry as an app ships it: `import { init } from 'otel-browser'` with its defaults, bundled by
// esbuild (bench/peers/build.mjs). Exposes `window.BenchSdk` like the other peer entries.
import { trace } from '@opentelemetry/api';
import { init as initSdk } from 'otel-browser';

window.BenchSdk = {
  init: ({ endpoint, serviceName }) => initSdk({ endpoint, serviceName }),
  trace,
};
