import { expect } from 'chai';
import { parseUrl } from '../../src/lib/url';

describe('parseUrl', () => {
  it("resolves a relative URL against each call's own base, even right after parsing another", () => {
    expect(parseUrl('/api/items', 'https://a.example/page')?.href).to.equal('https://a.example/api/items');
    expect(parseUrl('/api/items', 'https://b.example/page')?.href).to.equal('https://b.example/api/items');
    expect(parseUrl('items', 'https://b.example/dir/page')?.href).to.equal('https://b.example/dir/items');
  });

  it('parses an absolute URL the same whatever the base, and returns undefined for what is not a URL', () => {
    const first = parseUrl('https://api.example:8443/v1/x?q=1', 'https://a.example/');
    expect(first?.port).to.equal('8443');
    expect(parseUrl('https://api.example:8443/v1/x?q=1', 'https://other.example/')?.href).to.equal('https://api.example:8443/v1/x?q=1');
    expect(parseUrl('http://[bad', 'https://a.example/')).to.equal(undefined);
    expect(parseUrl('not a url')).to.equal(undefined);
  });
});
