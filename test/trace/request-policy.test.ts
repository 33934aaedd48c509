import { expect } from 'chai';
import { createRequestPolicy, createUrlMatcher } from '../../src/trace/request-policy';

const page = 'https://shop.example.com/cart';

describe('createUrlMatcher', () => {
  const matches = createUrlMatcher(['https://api.example.com', 'https://cdn.example.com/v1', /\.internal\.example$/], page);

  it('matches every URL of a listed origin, and only that origin', () => {
    expect(matches('https://api.example.com/orders?id=1')).to.equal(true);
    expect(matches('https://api.example.com')).to.equal(true);
    expect(matches('https://api.example.com.evil.net/orders')).to.equal(false);
    expect(matches('http://api.example.com/orders')).to.equal(false);
    expect(matches('https://api.example.com:8443/orders')).to.equal(false);
  });

  it('matches a URL prefix at a path boundary', () => {
    expect(matches('https://cdn.example.com/v1')).to.equal(true);
    expect(matches('https://cdn.example.com/v1/items')).to.equal(true);
    expect(matches('https://cdn.example.com/v10/items')).to.equal(false);
    expect(matches('https://cdn.example.com/v2/items')).to.equal(false);
  });

  it('ignoreUrls-style matchers test RegExps against the full URL, also global ones, repeatedly', () => {
    const global = createUrlMatcher([/api\.example\.com\/a$/g], page);
    expect(global('https://api.example.com/a')).to.equal(true);
    expect(global('https://api.example.com/a')).to.equal(true);
  });

  it('propagateTo matchers test RegExps and functions against the origin only', () => {
    const hosts = createUrlMatcher([/\.example\.com$/], page, true);
    expect(hosts('https://api.example.com/orders?id=1')).to.equal(true);
    expect(hosts('https://example.com.evil.net/orders')).to.equal(false);
    for (const sneaky of ['http://evil.test/k/x.example.com', 'http://evil.test/k?.example.com', 'http://evil.test/k#.example.com']) {
      expect(hosts(sneaky), sneaky).to.equal(false);
    }
    const seen: string[] = [];
    const byFunction = createUrlMatcher((origin) => (seen.push(origin), origin.endsWith('.example.com')), page, true);
    expect(byFunction('http://evil.test/k/x.example.com')).to.equal(false);
    expect(byFunction('https://api.example.com/x?q=1')).to.equal(true);
    expect(seen).to.deep.equal(['http://evil.test', 'https://api.example.com']);
    // A function without declared parameters is called too (its `length` is 0).
    expect(createUrlMatcher(() => true, page, true)('https://api.example.com/')).to.equal(true);
  });

  it('wraps a user function so that it cannot throw', () => {
    const throwing = createUrlMatcher(() => {
      throw new Error('boom');
    }, page);
    expect(throwing('https://api.example.com/')).to.equal(false);
  });
});

describe('createRequestPolicy', () => {
  const policy = createRequestPolicy(
    { endpoint: 'https://shop.example.com/otlp/v1/traces', propagateTo: ['https://api.example.com'], ignoreUrls: [/\/health$/] },
    page,
  );

  it('propagates to the page origin and to allowed origins only', () => {
    expect(policy.shouldPropagate('https://shop.example.com/api/cart')).to.equal(true);
    expect(policy.shouldPropagate('/api/cart')).to.equal(true);
    expect(policy.shouldPropagate('https://api.example.com/orders')).to.equal(true);
    expect(policy.shouldPropagate('https://tracker.example.net/pixel')).to.equal(false);
    expect(policy.shouldPropagate('data:text/plain,hi')).to.equal(false);
  });

  it('never propagates to, nor traces, the export endpoint, even same-origin', () => {
    expect(policy.shouldPropagate('https://shop.example.com/otlp/v1/traces')).to.equal(false);
    expect(policy.isIgnored('https://shop.example.com/otlp/v1/traces')).to.equal(true);
    expect(policy.isIgnored('https://shop.example.com/otlp/v1/traces?x=1')).to.equal(true);
    expect(policy.isIgnored('https://shop.example.com/api/cart')).to.equal(false);
  });

  it('ignores URLs matching ignoreUrls', () => {
    expect(policy.isIgnored('https://api.example.com/health')).to.equal(true);
  });
});
