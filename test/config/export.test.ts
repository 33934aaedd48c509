import { expect } from 'chai';
import { resolveConfig } from '../../src/config';
import { DEFAULT_EXPORT, DEFAULT_PERSIST, DEFAULT_RETRY } from '../../src/config';
import { init } from '../../src/index';

const base = 'https://shop.example.com/';
const valid = { endpoint: 'https://collector.example.com/v1/traces', serviceName: 'shop-web' };

describe('delivery: the export option', () => {
  it('defaults every field', () => {
    const result = resolveConfig(valid, base);
    expect(result.ok && result.config.export).to.deep.equal(DEFAULT_EXPORT);
  });

  it('takes partial retry and persist objects, and false', () => {
    const result = resolveConfig({ ...valid, export: { compression: 'gzip', maxQueueSize: 10, retry: { maxElapsedMs: 5000 }, persist: false } }, base);
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.config.export.compression).to.equal('gzip');
    expect(result.config.export.maxQueueSize).to.equal(10);
    expect(result.config.export.retry).to.deep.equal({ ...DEFAULT_RETRY, maxElapsedMs: 5000 });
    expect(result.config.export.persist).to.equal(false);
    const again = resolveConfig({ ...valid, export: { retry: false, persist: { maxBytes: 5000 } } }, base);
    expect(again.ok && again.config.export.retry).to.equal(false);
    expect(again.ok && again.config.export.persist).to.deep.equal({ ...DEFAULT_PERSIST, maxBytes: 5000 });
  });

  const bad: [string, unknown, string][] = [
    ['not an object', 'gzip', 'export must be an object; got "gzip"'],
    ['an unknown compression', { compression: 'br' }, 'export.compression must be "gzip" or "none"; got "br"'],
    ['a batch too big for keepalive', { maxBatchBytes: 100000 }, 'export.maxBatchBytes must be a number from 1000 to 60000; got 100000'],
    ['a negative queue', { maxQueueSize: -1 }, 'export.maxQueueSize must be a number from 1 to 1000000; got -1'],
    ['retry as a string', { retry: 'yes' }, 'export.retry must be true, false or an options object; got "yes"'],
    ['a typo in persist', { persist: { maxByte: 10 } }, 'export.persist.maxByte is unknown; did you mean maxBytes?'],
    ['an unknown option', { batchSize: 10 }, 'export.batchSize is unknown; did you mean maxBatchSize?'],
  ];
  for (const [what, value, message] of bad) {
    it(`refuses ${what} with a message naming field and value`, () => {
      const result = resolveConfig({ ...valid, export: value }, base);
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.problems).to.deep.equal([message]);
    });
  }

  it('init() with a bad export option prints one error and stays off', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const otel = init({ ...valid, export: { compression: 'br' as 'gzip' } });
      await otel.shutdown();
    } finally {
      console.error = original;
    }
    expect(errors).to.deep.equal(['[otel-browser] invalid config, the SDK is off: export.compression must be "gzip" or "none"; got "br"']);
    expect(errors[0]).to.include('export.compression').and.include('"br"');
  });
});
