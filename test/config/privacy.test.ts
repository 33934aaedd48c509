import { expect } from 'chai';
import { configFromDataset, DEFAULT_ATTRIBUTE_LIMITS, DEFAULT_SECRET_PARAMS, resolveConfig } from '../../src/config';

const valid = { endpoint: 'https://collector.example.com/v1/traces', serviceName: 'shop-web' };
const page = 'https://shop.example.com/';

function resolve(input: Record<string, unknown>) {
  const result = resolveConfig({ ...valid, ...input }, page);
  return result.ok ? { privacy: result.config.privacy, problems: [] } : { privacy: undefined, problems: result.problems };
}

describe('privacy options', () => {
  it('defaults: consent granted, the built-in names, default limits, no hook, nothing forced', () => {
    const { privacy, problems } = resolve({});
    expect(problems).to.deep.equal([]);
    expect(privacy).to.deep.equal({
      consent: 'granted',
      secretParams: DEFAULT_SECRET_PARAMS,
      beforeSend: undefined,
      attributeLimits: DEFAULT_ATTRIBUTE_LIMITS,
      allowPropagateToAll: false,
      propagateBaggage: false,
    });
  });

  it('reads the text forms that data-* attributes give', () => {
    const dataset = { ...valid, consent: 'pending', redactQueryParams: 'order_ref, email', propagateBaggage: '', allowPropagateToAll: 'true' };
    const result = resolveConfig(configFromDataset(dataset), page);
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.config.privacy.consent).to.equal('pending');
    expect(result.config.privacy.secretParams).to.deep.equal([...DEFAULT_SECRET_PARAMS, 'order_ref', 'email']);
    expect(result.config.privacy.propagateBaggage).to.equal(true);
    expect(result.config.privacy.allowPropagateToAll).to.equal(true);
    const off = resolveConfig(configFromDataset({ ...valid, redactQueryParams: 'false' }), page);
    expect(off.ok && off.config.privacy.secretParams).to.deep.equal([]);
  });

  it('merges partial limits over the defaults', () => {
    expect(resolve({ attributeLimits: { valueLength: 100 } }).privacy?.attributeLimits).to.deep.equal({ ...DEFAULT_ATTRIBUTE_LIMITS, valueLength: 100 });
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['an unknown consent', { consent: 'yes' }, 'consent must be one of "granted", "pending", "denied"; got "yes"'],
    ['a list with a non-string', { redactQueryParams: ['ok', 3] }, 'redactQueryParams must be a list of parameter names, a function, or false; got ["ok",3]'],
    [
      'a throwing list function',
      {
        redactQueryParams: () => {
          throw new Error('x');
        },
      },
      'redactQueryParams must be a list of parameter names, a function, or false; got a function',
    ],
    [
      'a list as text (npm config)',
      { redactQueryParams: 'order_ref' },
      'redactQueryParams must be a list of parameter names, a function, or false; got "order_ref"',
    ],
    ['a beforeSend that is not a function', { beforeSend: {} }, 'beforeSend must be a function; got {}'],
    [
      'a fractional limit',
      { attributeLimits: { count: 1.5 } },
      'attributeLimits must be an object of positive whole numbers (count, valueLength, events); got {"count":1.5}',
    ],
    ['a non-boolean flag', { propagateBaggage: 1 }, 'propagateBaggage must be true or false; got 1'],
    ['a boolean as text (npm config)', { propagateBaggage: 'true' }, 'propagateBaggage must be true or false; got "true"'],
  ];
  for (const [label, input, problem] of bad) {
    it(`reports ${label}`, () => {
      expect(resolve(input).problems).to.deep.equal([problem]);
    });
  }
});
