import { expect } from 'chai';
import { configFromDataset, resolveConfig } from '../../src/config';
import { nearest } from '../../src/config/suggest';
import { init } from '../../src/index';

const page = 'https://shop.example.com/cart';
const valid = { endpoint: 'https://collector.example.com/v1/traces', serviceName: 'shop-web' };
const problemsOf = (input: Record<string, unknown>): string[] => {
  const result = resolveConfig({ ...valid, ...input }, page);
  return result.ok ? [] : result.problems;
};

describe('config validation: what can never work is refused, naming the field and the value', () => {
  const bad: [string, Record<string, unknown>, string[]][] = [
    [
      'a header name with a space',
      { headers: { 'X Api Key': 'k' } },
      [`headers names must be HTTP tokens (letters, digits and !#$%&'*+-.^_\`|~); got "X Api Key"`],
    ],
    ['a header name with a colon', { headers: { 'x-key:': 'k' } }, [`headers names must be HTTP tokens (letters, digits and !#$%&'*+-.^_\`|~); got "x-key:"`]],
    [
      'a header value with CR/LF',
      { headers: { 'x-api-key': 'a\r\nInjected: 1' } },
      ['headers.x-api-key must be a string without CR, LF or NUL; got "a\\r\\nInjected: 1"'],
    ],
    ['a header value with NUL', { headers: { 'x-api-key': 'a\u0000b' } }, ['headers.x-api-key must be a string without CR, LF or NUL; got "a\\u0000b"']],
    ['a header value that is not a string', { headers: { 'x-api-key': 5 } }, ['headers.x-api-key must be a string without CR, LF or NUL; got 5']],
    ['headers that are not an object', { headers: 'x-api-key=1' }, ['headers must be an object; got "x-api-key=1"']],
    [
      'credentials in the endpoint (password redacted)',
      { endpoint: 'https://user:s3cret@collector.example.com/v1/traces' },
      [
        'endpoint must not hold credentials (user:password@): they would be stored with unsent batches; send them in headers; got "https://REDACTED@collector.example.com/v1/traces"',
      ],
    ],
    [
      'a backslash "path" that leaves the origin',
      { endpoint: '/\\127.0.0.1:8102/v1/traces' },
      ['endpoint must be an absolute http(s) URL or a root-relative path such as "/v1/traces"; got "/\\\\127.0.0.1:8102/v1/traces"'],
    ],
    [
      'a tab "path" that leaves the origin',
      { endpoint: '/\t/evil.example/v1/traces' },
      ['endpoint must be an absolute http(s) URL or a root-relative path such as "/v1/traces"; got "/\\t/evil.example/v1/traces"'],
    ],
    [
      'a protocol-relative endpoint',
      { endpoint: '//evil.example/v1/traces' },
      ['endpoint must be an absolute http(s) URL or a root-relative path such as "/v1/traces"; got "//evil.example/v1/traces"'],
    ],
    [
      'a wrong type in long tasks',
      { instrumentations: { longTasks: { thresholdMs: 'abc' } } },
      ['instrumentations.longTasks.thresholdMs must be a number of milliseconds >= 0; got "abc"'],
    ],
    [
      'an unknown long-task entry type',
      { instrumentations: { longTasks: { entryType: 'frame' } } },
      ['instrumentations.longTasks.entryType must be "long-animation-frame" or "longtask"; got "frame"'],
    ],
    [
      'a wrong type in fetch',
      { instrumentations: { fetch: { networkEvents: 'no' } } },
      ['instrumentations.fetch.networkEvents must be true or false; got "no"'],
    ],
    ['debug as text', { debug: 'true' }, ['debug must be true or false; got "true"']],
    ['propagateBaggage as text, the same way', { propagateBaggage: 'true' }, ['propagateBaggage must be true or false; got "true"']],
  ];
  for (const [label, input, problems] of bad) {
    it(`refuses ${label}`, () => {
      expect(problemsOf(input)).to.deep.equal(problems);
    });
  }

  it('never echoes the password of an endpoint', () => {
    for (const endpoint of ['https://user:s3cret@collector.example.com/v1/traces', 'https://user:s3cret@', 'ftp://user:s3cret@host/x']) {
      const problems = problemsOf({ endpoint });
      expect(problems.length, endpoint).to.equal(1);
      expect(problems[0], endpoint).to.not.contain('s3cret');
    }
  });

  const good: [string, Record<string, unknown>, (config: Record<string, unknown>) => unknown, unknown][] = [
    ['an absolute endpoint', { endpoint: 'http://127.0.0.1:4318/v1/traces' }, (c) => c.endpoint, 'http://127.0.0.1:4318/v1/traces'],
    ['a root-relative endpoint', { endpoint: '/otlp/v1/traces?x=1' }, (c) => c.endpoint, 'https://shop.example.com/otlp/v1/traces?x=1'],
    ['token header names', { headers: { 'x-api-key': 'k', "a!#$%&'*+.^_`|~": '' } }, (c) => Object.keys(c.headers as object).length, 2],
    [
      'instrumentation options, defaults filled in',
      { instrumentations: { longTasks: { thresholdMs: 120 } } },
      (c) => (c.instrumentations as Record<string, unknown>).longTasks,
      { thresholdMs: 120, entryType: 'long-animation-frame' },
    ],
    ['an instrumentation turned off', { instrumentations: { fetch: false } }, (c) => (c.instrumentations as Record<string, unknown>).fetch, false],
  ];
  for (const [label, input, pick, expected] of good) {
    it(`accepts ${label}`, () => {
      const result = resolveConfig({ ...valid, ...input }, page);
      if (!result.ok) throw new Error(result.problems.join('; '));
      expect(pick(result.config as unknown as Record<string, unknown>)).to.deep.equal(expected);
    });
  }
});

describe('config validation: unknown keys in every section, with the nearest valid name', () => {
  const typos: [string, Record<string, unknown>, string[]][] = [
    ['top level', { sampelRate: 0.5 }, ['sampelRate is unknown; did you mean sampleRate?']],
    [
      'top level, a required one',
      { serviceNme: 'x', serviceName: undefined },
      ['serviceNme is unknown; did you mean serviceName?', 'serviceName is required; got undefined'],
    ],
    ['session', { session: { idleTimeout: 60000 } }, ['session.idleTimeout is unknown; did you mean idleTimeoutMs?']],
    ['export', { export: { compresion: 'gzip' } }, ['export.compresion is unknown; did you mean compression?']],
    ['export.retry', { export: { retry: { maxDelay: 5 } } }, ['export.retry.maxDelay is unknown; did you mean maxDelayMs?']],
    ['instrumentations', { instrumentations: { fetsh: true } }, ['instrumentations.fetsh is unknown; did you mean fetch?']],
    [
      'an instrumentation',
      { instrumentations: { fetch: { networkEvnts: false } } },
      ['instrumentations.fetch.networkEvnts is unknown; did you mean networkEvents?'],
    ],
    [
      'userInteraction',
      { instrumentations: { userInteraction: { event: ['click'] } } },
      ['instrumentations.userInteraction.event is unknown; did you mean events?'],
    ],
    ['attributeLimits', { attributeLimits: { evnts: 3 } }, ['attributeLimits.evnts is unknown; did you mean events?']],
    ['an instrumentation without options', { instrumentations: { errors: { stack: true } } }, ['instrumentations.errors.stack is unknown; known: none']],
  ];
  for (const [section, input, problems] of typos) {
    it(`reports a typo in ${section}`, () => {
      expect(problemsOf(input)).to.deep.equal(problems);
    });
  }

  it('lists the known names when none is near', () => {
    const [problem] = problemsOf({ colour: 'red' });
    expect(problem).to.match(/^colour is unknown; known: endpoint, serviceName, .*export, spanProcessors$/);
  });

  it('suggests by case, containment and small edits only', () => {
    expect(nearest('ServiceName', ['serviceName', 'environment'])).to.equal('serviceName');
    expect(nearest('batchSize', ['maxBatchSize', 'maxQueueSize'])).to.equal('maxBatchSize');
    expect(nearest('tracesUrl', ['endpoint', 'serviceName'])).to.equal(undefined);
    expect(nearest('x', ['xhr', 'fetch'])).to.equal(undefined);
  });
});

describe('config: data-* attributes converted one way for every option', () => {
  const cases: [string, Record<string, string>, Record<string, unknown>][] = [
    ['a bare boolean attribute', { debug: '' }, { debug: true }],
    ['"true" for debug', { debug: 'true' }, { debug: true }],
    ['"true" for propagateBaggage, the same way', { propagateBaggage: 'true' }, { propagateBaggage: true }],
    ['"false" for allowPropagateToAll', { allowPropagateToAll: 'false' }, { allowPropagateToAll: false }],
    ['other text left as text, for validation to name', { debug: 'yes' }, { debug: 'yes' }],
    ['a number', { sampleRate: '0.25' }, { sampleRate: 0.25 }],
    ['a number that is not one', { sampleRate: 'half' }, { sampleRate: 'half' }],
    [
      'lists',
      { propagateTo: 'https://a.example, https://b.example', ignoreUrls: '' },
      { propagateTo: ['https://a.example', 'https://b.example'], ignoreUrls: [] },
    ],
    ['redactQueryParams', { redactQueryParams: 'false' }, { redactQueryParams: false }],
    ['key=value pairs', { headers: 'x-api-key=k1, x-tenant = acme' }, { headers: { 'x-api-key': 'k1', 'x-tenant': 'acme' } }],
    [
      'instrumentations to turn on',
      { instrumentations: 'fetch,longTasks' },
      {
        instrumentations: {
          fetch: true,
          xhr: false,
          documentLoad: false,
          userInteraction: false,
          navigation: false,
          errors: false,
          webVitals: false,
          longTasks: true,
        },
      },
    ],
    ['instrumentations to turn off', { disable: 'xhr, webVitals' }, { instrumentations: { xhr: false, webVitals: false } }],
    ['session attributes', { sessionIdleTimeoutMs: '60000', sessionStorage: 'memory' }, { session: { idleTimeoutMs: 60000, storage: 'memory' } }],
    ['plain strings', { serviceName: 'shop', consent: 'pending' }, { serviceName: 'shop', consent: 'pending' }],
  ];
  for (const [label, dataset, expected] of cases) {
    it(`converts ${label}`, () => {
      expect(configFromDataset(dataset)).to.deep.equal(expected);
    });
  }

  it('a data-* typo is refused with the nearest option name', () => {
    const result = resolveConfig(configFromDataset({ ...valid, servicName: 'x' } as Record<string, string>), page);
    expect(!result.ok && result.problems[0]).to.equal('servicName is unknown; did you mean serviceName?');
  });
});

// The script tag's side (the bundle reading data-*) is tested in test/sdk/script-tag.test.ts.
describe('config: init() with a config that can never work', () => {
  it('prints one [otel-browser] error naming field and value, and stays off', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    const originalFetch = window.fetch;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const otel = init({ ...valid, headers: { 'x-api-key': 'k\r\nx' }, endpoint: 'https://me:hunter2@collector.example.com/v1/traces' });
      expect(otel.getSessionId()).to.equal(undefined);
      expect(window.fetch).to.equal(originalFetch);
      await otel.shutdown();
    } finally {
      console.error = original;
    }
    expect(errors.length).to.equal(1);
    const message = String(errors[0][0]);
    expect(message).to.match(/^\[otel-browser\] invalid config, the SDK is off: endpoint must not hold credentials/);
    expect(message).to.contain('headers.x-api-key').and.not.contain('hunter2');
  });
});
