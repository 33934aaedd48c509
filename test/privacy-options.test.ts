import { expect } from 'chai';
import { DEFAULT_SECRET_PARAMS } from '../src/lib/redact';
import { PRIVACY_PROBLEMS, resolvePrivacy } from '../src/privacy-options';
import { DEFAULT_ATTRIBUTE_LIMITS } from '../src/processors/limits';

function resolve(input: Record<string, unknown>) {
  const problems: string[] = [];
  return { privacy: resolvePrivacy(input, problems), problems };
}

describe('resolvePrivacy', () => {
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
    const { privacy, problems } = resolve({ consent: 'pending', redactQueryParams: 'order_ref, email', propagateBaggage: '', allowPropagateToAll: 'true' });
    expect(problems).to.deep.equal([]);
    expect(privacy.consent).to.equal('pending');
    expect(privacy.secretParams).to.deep.equal([...DEFAULT_SECRET_PARAMS, 'order_ref', 'email']);
    expect(privacy.propagateBaggage).to.equal(true);
    expect(privacy.allowPropagateToAll).to.equal(true);
    expect(resolve({ redactQueryParams: 'false' }).privacy.secretParams).to.deep.equal([]);
  });

  it('merges partial limits over the defaults', () => {
    expect(resolve({ attributeLimits: { valueLength: 100 } }).privacy.attributeLimits).to.deep.equal({ ...DEFAULT_ATTRIBUTE_LIMITS, valueLength: 100 });
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['an unknown consent', { consent: 'yes' }, PRIVACY_PROBLEMS.consent('yes')],
    ['a list with a non-string', { redactQueryParams: ['ok', 3] }, PRIVACY_PROBLEMS.redactQueryParams(['ok', 3])],
    ['a throwing list function', { redactQueryParams: () => { throw new Error('x'); } }, PRIVACY_PROBLEMS.redactQueryParams(() => 0)],
    ['a beforeSend that is not a function', { beforeSend: {} }, PRIVACY_PROBLEMS.beforeSend({})],
    ['a fractional limit', { attributeLimits: { count: 1.5 } }, PRIVACY_PROBLEMS.attributeLimits({ count: 1.5 })],
    ['a non-boolean flag', { propagateBaggage: 1 }, PRIVACY_PROBLEMS.boolean('propagateBaggage', 1)],
  ];
  for (const [label, input, problem] of bad) {
    it(`reports ${label}`, () => {
      expect(resolve(input).problems).to.deep.equal([problem]);
    });
  }
});
