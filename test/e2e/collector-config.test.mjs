// The OpenTelemetry Collector recipe in docs/collector-config.yaml. There is no Collector binary in
// this repository's CI, so this checks what can be checked without one: the YAML parses, the CORS
// block is where the Collector reads it, every component a pipeline names is defined, and the
// headers the SDK sends on export are allowed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const config = parse(readFileSync(new URL('../../docs/collector-config.yaml', import.meta.url), 'utf8'));
// The Collector allows these request headers in CORS without listing them.
const IMPLICIT_HEADERS = ['accept', 'accept-language', 'content-type', 'content-language'];

describe('docs/collector-config.yaml', () => {
  it('receives OTLP/HTTP on all interfaces with CORS for listed origins only', () => {
    const http = config.receivers.otlp.protocols.http;
    assert.equal(http.endpoint, '0.0.0.0:4318');
    const { allowed_origins: origins, allowed_headers: headers, max_age: maxAge } = http.cors;
    assert.ok(Array.isArray(origins) && origins.length > 0, 'allowed_origins lists origins');
    for (const origin of origins) {
      assert.notEqual(origin, '*', 'no wildcard-all origin');
      assert.match(origin, /^https?:\/\/[^/]+$/, `${origin} is an origin (scheme://host[:port], no path)`);
    }
    assert.ok(Array.isArray(headers));
    assert.ok(Number.isInteger(maxAge) && maxAge > 0);
  });

  it('allows every header the SDK sends on export', () => {
    const allowed = new Set([...IMPLICIT_HEADERS, ...config.receivers.otlp.protocols.http.cors.allowed_headers.map((h) => h.toLowerCase())]);
    // src/export/transport.ts: Content-Type; Content-Encoding for compressed exports; the user's
    // `headers` (the recipe's example: X-Api-Key).
    for (const header of ['content-type', 'content-encoding', 'x-api-key']) assert.ok(allowed.has(header), header);
  });

  it('defines every component its traces pipeline uses, and forwards to Jaeger/Tempo over OTLP', () => {
    const pipeline = config.service.pipelines.traces;
    for (const kind of ['receivers', 'processors', 'exporters']) {
      assert.ok(pipeline[kind].length > 0, `${kind} listed`);
      for (const id of pipeline[kind]) assert.ok(id in config[kind], `${kind}.${id} is defined`);
    }
    assert.deepEqual(pipeline.receivers, ['otlp']);
    const [exporterId] = pipeline.exporters;
    // `type/name`: the type must be the OTLP gRPC exporter (its current name or the older alias).
    assert.ok(['otlp_grpc', 'otlp'].includes(exporterId.split('/')[0]), exporterId);
    assert.match(config.exporters[exporterId].endpoint, /^[\w.-]+:4317$/);
    // memory_limiter must come first so it can refuse data before other processors work on it.
    assert.equal(pipeline.processors[0], 'memory_limiter');
  });
});
