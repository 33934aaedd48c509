import { expect } from 'chai';
import { createSecretNameTest, createUrlRedactor, DEFAULT_SECRET_PARAMS, paramWords, REDACTED } from '../../src/privacy/redact';

describe('secret parameter names (whole-word suffix rule)', () => {
  const isSecret = createSecretNameTest(DEFAULT_SECRET_PARAMS);

  it('splits names into words at separators and camelCase humps', () => {
    expect(paramWords('x-api-key')).to.deep.equal(['x', 'api', 'key']);
    expect(paramWords('xApiKey')).to.deep.equal(['x', 'api', 'key']);
    expect(paramWords('SAMLResponse')).to.deep.equal(['saml', 'response']);
    expect(paramWords('user[token]')).to.deep.equal(['user', 'token']);
    expect(paramWords('zipcode')).to.deep.equal(['zipcode']);
  });

  it('matches the usual spellings of a listed name', () => {
    for (const name of [
      'token',
      'access_token',
      'accessToken',
      'X-Api-Key',
      'x_api_key',
      'apikey',
      'APIKey',
      'license_key',
      'Password',
      'client_secret',
      'sessionId',
      'session_id',
      'JSESSIONID',
      'X-Amz-Signature',
      'code',
      'auth_code',
      'SAMLResponse',
      'user[token]',
    ]) {
      expect(isSecret(name), name).to.equal(true);
    }
  });

  it('does not match names that merely contain a listed name', () => {
    for (const name of ['zipcode', 'monkey', 'keyword', 'key_id', 'author', 'tokenizer', 'token_type', 'passwordless', 'codec', 'signatures', 'id', 'q']) {
      expect(isSecret(name), name).to.equal(false);
    }
  });
});

describe('createUrlRedactor', () => {
  const redact = createUrlRedactor();

  it('replaces secret query values and keeps everything else byte for byte', () => {
    expect(redact('https://api.example.com/p?id=7&access_token=abc&x_api_key=k&Password=p&q=a+b%20c&flag')).to.equal(
      'https://api.example.com/p?id=7&access_token=REDACTED&x_api_key=REDACTED&Password=REDACTED&q=a+b%20c&flag',
    );
    expect(redact('https://shop.example/?zipcode=12345&monkey=1')).to.equal('https://shop.example/?zipcode=12345&monkey=1');
  });

  it('matches percent-encoded names and repeated parameters', () => {
    expect(redact('https://a.example/?api%5Fkey=1&token=2&token=3')).to.equal('https://a.example/?api%5Fkey=REDACTED&token=REDACTED&token=REDACTED');
  });

  it('strips user info, also when the password contains @', () => {
    expect(redact('https://user:pass@host.example/a')).to.equal('https://host.example/a');
    expect(redact('https://us%40er:p@ss@host.example/a?b=1')).to.equal('https://host.example/a?b=1');
    expect(redact('//user:pass@host.example/a')).to.equal('//host.example/a');
  });

  it('redacts fragment parameters: OAuth implicit-flow redirects and hash routes', () => {
    expect(redact('https://app.example/cb#access_token=abc&token_type=bearer&state=s')).to.equal(
      'https://app.example/cb#access_token=REDACTED&token_type=bearer&state=s',
    );
    expect(redact('https://app.example/#/reset?token=abc&step=2')).to.equal('https://app.example/#/reset?token=REDACTED&step=2');
    expect(redact('https://app.example/docs#section-2')).to.equal('https://app.example/docs#section-2');
  });

  it('gives the same answers for repeated and many distinct inputs (it keeps recent results)', () => {
    const urls = Array.from({ length: 300 }, (_, i) => `https://shop.example/p/${i}?token=t${i}&page=${i}`);
    const expected = urls.map((url) => url.replace(/token=t\d+/, 'token=REDACTED'));
    // Twice over more inputs than it keeps, then one input again and again: every answer stays right.
    for (let round = 0; round < 2; round++) expect(urls.map((url) => redact(url))).to.deep.equal(expected);
    for (let i = 0; i < 5; i++) expect(redact(urls[7])).to.equal(expected[7]);
    expect(redact.text(`failed: ${urls[3]} (503)`)).to.equal(`failed: ${expected[3]} (503)`);
    // Another redactor with other names keeps its own answers.
    expect(createUrlRedactor(['page'])(urls[7])).to.equal('https://shop.example/p/7?token=t7&page=REDACTED');
  });

  it('redacts relative URLs and bare query strings', () => {
    expect(redact('/api/login?user=ann&password=hunter2')).to.equal('/api/login?user=ann&password=REDACTED');
    expect(redact.params('token=abc&page=2')).to.equal('token=REDACTED&page=2');
  });

  it('redacts URLs inside free text, and leaves e-mail addresses and plain text alone', () => {
    expect(redact.text('GET https://api.example.com/x?token=abc failed (see "/retry?sig=zz")')).to.equal(
      'GET https://api.example.com/x?token=REDACTED failed (see "/retry?sig=REDACTED")',
    );
    expect(redact.text('mail ann@example.com about it?')).to.equal('mail ann@example.com about it?');
    expect(redact.text('checkout')).to.equal('checkout');
  });

  it('leaves URLs without secrets untouched, and non-strings as they are', () => {
    expect(redact('https://api.example.com/items?id=1')).to.equal('https://api.example.com/items?id=1');
    expect(redact(undefined as unknown as string)).to.equal(undefined);
  });

  it('finds a credential in a path without query or fragment, down to the shortest shapes it looks for', () => {
    // Without `?#@;=`, only a credential-shaped path segment is redacted: a JWT, or 20+ word characters.
    expect(redact('https://api.example.com/items/123/edit')).to.equal('https://api.example.com/items/123/edit');
    expect(redact('https://a.example/magic/aB3dE5fG7hJ9kL2mN4pQ')).to.equal(`https://a.example/magic/${REDACTED}`);
    expect(redact('/verify/eyJx.eyJy.z')).to.equal(`/verify/${REDACTED}`);
    expect(redact.text('GET https://a.example/k/aB3dE5fG7hJ9kL2mN4pQ failed')).to.equal(`GET https://a.example/k/${REDACTED} failed`);
  });

  it('takes extra names, and with an empty list still strips user info', () => {
    const custom = createUrlRedactor([...DEFAULT_SECRET_PARAMS, 'email']);
    expect(custom('https://a.example/?email=ann%40example.com&userEmail=b')).to.equal('https://a.example/?email=REDACTED&userEmail=REDACTED');
    const off = createUrlRedactor([]);
    expect(off('https://u:p@a.example/?token=1')).to.equal('https://a.example/?token=1');
  });
});

describe('redaction cost', () => {
  it('stays linear on long text without URLs (an error message, a stack trace)', () => {
    const redact = createUrlRedactor();
    const text = `${'a'.repeat(200000)} ? ${'b'.repeat(200000)}`;
    const started = performance.now();
    expect(redact.text(text)).to.equal(text);
    expect(performance.now() - started).to.be.below(200);
  });
});
