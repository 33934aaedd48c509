// The two scratch apps of the packaging test: what a new user on each OpenTelemetry JS line installs.
// Exact versions, so a rerun installs from the cache and a new upstream release cannot change the result
// unannounced (bump them on purpose).

/** OpenTelemetry JS 2.x: api 1.9, the web SDK 2.12, and an upstream instrumentation of that line. */
export const OTEL2 = {
  name: 'otel2',
  dependencies: {
    '@opentelemetry/api': '~1.9.0',
    '@opentelemetry/sdk-trace-web': '2.12.0',
    // instrumentation-long-task 0.66.0 depends on instrumentation ^0.222.0: the same copy.
    '@opentelemetry/instrumentation': '0.222.0',
    '@opentelemetry/instrumentation-long-task': '0.66.0',
  },
};

/** OpenTelemetry JS 3.x: api 1.10, sdk-trace 3, and instrumentation 0.300 with its fetch instrumentation. */
export const OTEL3 = {
  name: 'otel3',
  dependencies: {
    '@opentelemetry/api': '^1.10.0',
    '@opentelemetry/sdk-trace': '3.1.1',
    // instrumentation-fetch 0.300.0 depends on instrumentation 0.300.0 exactly: the same copy.
    '@opentelemetry/instrumentation': '0.300.0',
    '@opentelemetry/instrumentation-fetch': '0.300.0',
  },
};
