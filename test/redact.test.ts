import { expect } from 'chai';
import { createUrlRedactor } from '../src/lib/redact';

describe('createUrlRedactor', () => {
  const redact = createUrlRedactor();

  it('replaces secret-looking query values and keeps the rest', () => {
    expect(redact('https://api.example.com/p?id=7&access_token=abc&x_api_key=k&Password=p')).to.equal(
      'https://api.example.com/p?id=7&access_token=REDACTED&x_api_key=REDACTED&Password=REDACTED',
    );
  });

  it('strips user info', () => {
    expect(redact('https://user:pass@host.example/a')).to.equal('https://host.example/a');
  });

  it('leaves plain URLs and non-URLs untouched', () => {
    expect(redact('https://api.example.com/items?id=1')).to.equal('https://api.example.com/items?id=1');
    expect(redact('not a url ?token=1')).to.equal('not a url ?token=1');
  });
});
