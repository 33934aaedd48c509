import { expect } from 'chai';
import { DEFAULT_INSTRUMENTATION_OPTIONS, DEFAULT_INSTRUMENTATIONS, PROBLEMS, resolveConfig } from '../../src/config';

const base = 'https://shop.example.com/cart?x=1';
const valid = { endpoint: 'https://collector.example.com/v1/traces', serviceName: 'shop-web' };

describe('resolveConfig', () => {
  it('fills every default for a minimal config', () => {
    const result = resolveConfig(valid, base);
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.config.sampleRate).to.equal(1);
    expect(result.config.propagateTo).to.deep.equal([]);
    expect(result.config.debug).to.equal(false);
    for (const [name, on] of Object.entries(DEFAULT_INSTRUMENTATIONS)) {
      const key = name as keyof typeof DEFAULT_INSTRUMENTATIONS;
      expect(result.config.instrumentations[key], name).to.deep.equal(on ? DEFAULT_INSTRUMENTATION_OPTIONS[key] : false);
    }
    expect(result.config.instrumentations.userInteraction).to.deep.equal({ events: ['click', 'submit'], idleMs: 500, maxDurationMs: 10000, text: false });
  });

  it('resolves a root-relative endpoint against the page', () => {
    const result = resolveConfig({ ...valid, endpoint: '/otlp/v1/traces' }, base);
    expect(result.ok && result.config.endpoint).to.equal('https://shop.example.com/otlp/v1/traces');
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['missing endpoint', { serviceName: 's' }, PROBLEMS.required('endpoint', undefined)],
    ['ftp endpoint', { ...valid, endpoint: 'ftp://collector/v1/traces' }, PROBLEMS.endpoint('ftp://collector/v1/traces')],
    ['relative endpoint', { ...valid, endpoint: 'v1/traces' }, PROBLEMS.endpoint('v1/traces')],
    ['protocol-relative endpoint', { ...valid, endpoint: '//evil.example/v1' }, PROBLEMS.endpoint('//evil.example/v1')],
    ['missing serviceName', { endpoint: valid.endpoint }, PROBLEMS.required('serviceName', undefined)],
    ['sampleRate above 1', { ...valid, sampleRate: 2 }, PROBLEMS.sampleRate(2)],
    ['sampleRate not a number', { ...valid, sampleRate: 'half' }, PROBLEMS.sampleRate('half')],
    ['unknown instrumentation', { ...valid, instrumentations: { fetsh: true } }, PROBLEMS.unknownInstrumentation('fetsh')],
    ['bad instrumentation setting', { ...valid, instrumentations: { fetch: 'yes' } }, PROBLEMS.instrumentationSetting('fetch', 'yes')],
    ['wildcard propagateTo', { ...valid, propagateTo: ['*'] }, PROBLEMS.matchesEverything('propagateTo', '*')],
    ['match-all RegExp propagateTo', { ...valid, propagateTo: [/.*/] }, PROBLEMS.matchesEverything('propagateTo', /.*/)],
    ['bare host propagateTo', { ...valid, propagateTo: ['api.example.com'] }, PROBLEMS.urlPattern('propagateTo', 'api.example.com')],
  ];
  for (const [label, input, problem] of bad) {
    it(`reports ${label}, naming the field and the value`, () => {
      const result = resolveConfig(input, base);
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.problems).to.deep.equal([problem]);
    });
  }

  it('names the value in the message', () => {
    expect(PROBLEMS.endpoint('ftp://collector/v1/traces')).to.contain('endpoint').and.contain('"ftp://collector/v1/traces"');
    expect(PROBLEMS.sampleRate(2)).to.contain('sampleRate').and.contain('2');
  });

  it('refuses a config that is not an object', () => {
    expect(resolveConfig(null, base).ok).to.equal(false);
    expect(resolveConfig('https://x', base).ok).to.equal(false);
  });
});
