import { expect } from 'chai';
import { createUrlRedactor, REDACTED } from '../../src/privacy/redact';

/**
 * Real-world URL shapes, each with the secrets it carries (none of which may survive) and the parts
 * that are not secret (which must survive). Secrets are spelled `S3CR…` or are realistic tokens.
 */
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const SLACK = 'B0123ABCD/Xq7Lw9Tz2Kp4Rm8Nv3Hs6Jd1';
const HEX40 = '3f786850e387550fdab836ed7e6dc881de23001b';
const MIXED = 'aB3dE5fG7hJ9kL2mN4pQ6rS8';

const SHAPES: Array<[name: string, url: string, secrets: string[], kept: string[]]> = [
  [
    'OAuth implicit fragment',
    'https://app.test/cb#access_token=S3CR1&token_type=Bearer&expires_in=3600&state=xyz',
    ['S3CR1'],
    ['token_type=Bearer', 'expires_in=3600', 'state=xyz'],
  ],
  ['OAuth implicit with ? in state', 'https://app.test/r?token=S3CR2#access_token=S3CR3&state=/dash?tab=1', ['S3CR2', 'S3CR3'], ['state=/dash?tab=1']],
  ['OIDC id_token fragment', `https://app.test/cb#id_token=${JWT}&session_state=abc`, [JWT], ['session_state=abc']],
  ['OAuth PKCE code', 'https://app.test/callback?code=S3CR4&state=af0ifjsldkj', ['S3CR4'], ['state=af0ifjsldkj']],
  [
    'PKCE token request',
    'https://idp.test/token?grant_type=authorization_code&code_verifier=S3CR5&client_id=web',
    ['S3CR5'],
    ['grant_type=authorization_code', 'client_id=web'],
  ],
  ['client credentials', 'https://idp.test/token?client_id=svc&client_secret=S3CR6', ['S3CR6'], ['client_id=svc']],
  ['refresh token', 'https://idp.test/token?refresh_token=S3CR7&scope=openid', ['S3CR7'], ['scope=openid']],
  [
    'SAML POST binding as query',
    'https://sp.test/acs?SAMLResponse=PHNhbWxwOlJlc3BvbnNlIFMzQ1I4&RelayState=/home',
    ['PHNhbWxwOlJlc3BvbnNlIFMzQ1I4'],
    ['RelayState=/home'],
  ],
  [
    'SAML redirect binding',
    'https://idp.test/sso?SAMLRequest=fZJNT9S3CR9&SigAlg=rsa-sha256&Signature=S3CR10',
    ['fZJNT9S3CR9', 'S3CR10'],
    ['SigAlg=rsa-sha256'],
  ],
  [
    'S3 presigned (SigV4)',
    'https://bucket.s3.amazonaws.com/photo.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAS3CR11%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-Security-Token=S3CR12&X-Amz-Signature=S3CR13',
    ['AKIAS3CR11', 'S3CR12', 'S3CR13'],
    ['X-Amz-Expires=900', 'photo.jpg'],
  ],
  ['S3 presigned (SigV2)', 'https://bucket.s3.amazonaws.com/a.pdf?AWSAccessKeyId=AKIA&Expires=1700000000&Signature=S3CR14', ['S3CR14'], ['Expires=1700000000']],
  [
    'GCS signed URL',
    'https://storage.googleapis.com/b/o.png?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=S3CR15&X-Goog-Signature=S3CR16',
    ['S3CR15', 'S3CR16'],
    ['X-Goog-Algorithm=GOOG4-RSA-SHA256'],
  ],
  ['Azure SAS', 'https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01&sig=S3CR17%3D', ['S3CR17'], ['sv=2022-11-02', 'sp=r']],
  ['CloudFront signed', 'https://d111.cloudfront.net/v.mp4?Expires=1&Signature=S3CR18~&Key-Pair-Id=K2JCJMDEHXQW5F', ['S3CR18'], ['Key-Pair-Id=K2JCJMDEHXQW5F']],
  ['JWT in a path', `https://api.test/verify/${JWT}/confirm`, [JWT], ['/verify/', '/confirm']],
  ['JWT under an innocent name', `https://api.test/x?state=${JWT}&page=2`, [JWT], ['page=2']],
  ['magic link token in path', `https://app.test/magic/${MIXED}`, [MIXED], ['/magic/']],
  ['magic link query', 'https://app.test/login/magic?email_token=S3CR19&next=/home', ['S3CR19'], ['next=/home']],
  ['password reset hex token in path', `https://app.test/reset-password/${HEX40}`, [HEX40], ['/reset-password/']],
  ['password reset hash route', 'https://app.test/#/reset?token=S3CR20&step=2', ['S3CR20'], ['#/reset?', 'step=2']],
  ['password reset nested in next (encoded)', 'https://app.test/login?next=%2Freset%3Ftoken%3DS3CR21%26x%3D1', ['S3CR21'], ['next=']],
  ['nested redirect URL (raw)', '/p?redirect=https://x.test/cb?token=S3CR22&y=1', ['S3CR22'], ['y=1', 'redirect=https://x.test/cb?token=']],
  [
    'doubly nested redirect',
    'https://a.test/?r=' + encodeURIComponent('https://b.test/?r=' + encodeURIComponent('https://c.test/?api_key=S3CR23')),
    ['S3CR23'],
    ['https://a.test/?r='],
  ],
  ['Slack webhook secret in path', `https://hooks.slack.com/services/T0123ABCD/${SLACK}`, ['Xq7Lw9Tz2Kp4Rm8Nv3Hs6Jd1'], ['/services/']],
  ['Discord webhook', 'https://discord.com/api/webhooks/123456789/Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9', ['Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9'], ['/api/webhooks/123456789/']],
  ['Generic webhook hex secret', `https://hooks.test/hook/${HEX40}/run`, [HEX40], ['/hook/', '/run']],
  ['api_key', 'https://maps.test/js?api_key=S3CR24&libraries=places', ['S3CR24'], ['libraries=places']],
  ['apiKey camelCase', 'https://api.test/v1?apiKey=S3CR25', ['S3CR25'], []],
  ['key (Google style)', 'https://maps.googleapis.com/maps/api/js?key=S3CR26&callback=init', ['S3CR26'], ['callback=init']],
  ['x-api-key as param', 'https://api.test/?x-api-key=S3CR27', ['S3CR27'], []],
  ['subscription-key', 'https://api.test/?subscription-key=S3CR28&lang=en', ['S3CR28'], ['lang=en']],
  ['access_key', 'https://api.test/?access_key=S3CR29', ['S3CR29'], []],
  ['private_token (GitLab)', 'https://gitlab.test/api/v4/projects?private_token=S3CR30&per_page=20', ['S3CR30'], ['per_page=20']],
  ['auth token numbered', 'https://api.test/?token1=S3CR31&token_2=S3CR32', ['S3CR31', 'S3CR32'], []],
  ['semicolon-separated query', 'https://api.test/?a=1;token=S3CR33', ['S3CR33'], ['a=1']],
  ['jsessionid matrix parameter', 'https://shop.test/cart;jsessionid=S3CR34?item=7', ['S3CR34'], ['/cart;jsessionid=', 'item=7']],
  ['matrix parameter mid-path', 'https://shop.test/a;sid=S3CR35/b', ['S3CR35'], ['/b']],
  ['PHPSESSID', 'https://forum.test/index.php?PHPSESSID=S3CR36&topic=5', ['S3CR36'], ['topic=5']],
  ['user info', 'https://bob:S3CR37@db.test/admin', ['bob', 'S3CR37'], ['db.test/admin']],
  ['user info with @ in password', 'https://bob:p@S3CR38@db.test/', ['S3CR38'], ['db.test']],
  ['FTP credentials', 'ftp://anon:S3CR39@files.test/pub', ['S3CR39'], ['files.test/pub']],
  ['password in query', '/api/login?user=ann&password=S3CR40', ['S3CR40'], ['user=ann']],
  ['ticket (CAS)', 'https://app.test/?ticket=ST-S3CR41-cas', ['S3CR41'], []],
  ['one-time password', 'https://app.test/verify?otp=S3CR42&channel=sms', ['S3CR42'], ['channel=sms']],
  ['bracketed name', 'https://app.test/?user[token]=S3CR43&user[name]=x', ['S3CR43'], ['user[name]=x']],
  ['fragment bare params', 'https://app.test/#token=S3CR44', ['S3CR44'], []],
  [
    'non-secret URL unchanged',
    'https://shop.test/search?q=shoes&page=2&sort=price&utm_source=mail#reviews',
    [],
    ['https://shop.test/search?q=shoes&page=2&sort=price&utm_source=mail#reviews'],
  ],
  [
    'ids and uuids unchanged',
    'https://shop.test/orders/12345/items/123e4567-e89b-12d3-a456-426614174000?zipcode=12345',
    [],
    ['/orders/12345/items/123e4567-e89b-12d3-a456-426614174000?zipcode=12345'],
  ],
  ['slug unchanged', 'https://blog.test/2026/12/how-to-bake-bread-in-10-steps', [], ['https://blog.test/2026/12/how-to-bake-bread-in-10-steps']],
];

describe('redaction of real-world URL shapes', () => {
  const redact = createUrlRedactor();

  it('has at least 40 shapes', () => expect(SHAPES.length).to.be.at.least(40));

  for (const [name, url, secrets, kept] of SHAPES) {
    it(name, () => {
      for (const out of [redact(url), redact.text(`failed: ${url} (502)`), redact.text(`x,${url}`)]) {
        for (const secret of secrets) expect(out, out).to.not.contain(secret);
        for (const part of kept) expect(out, out).to.contain(part);
        // User info is removed rather than replaced.
        if (secrets.length && !url.includes('@')) expect(out).to.contain(REDACTED);
      }
    });
  }
});

describe('redaction in free text', () => {
  const redact = createUrlRedactor();

  it('removes credentials anywhere in text, also glued to other words', () => {
    expect(redact.text('failed:https://bob:PW1@h.test/x')).to.equal('failed:https://h.test/x');
    expect(redact.text('url=https://dave:PW2@h.test/')).to.equal('url=https://h.test/');
    expect(redact.text('see,https://carol:PW3@h.test/')).to.equal('see,https://h.test/');
  });

  it('redacts each of comma-joined URLs', () => {
    expect(redact.text('https://a.test/?q=1,https://b.test/?token=T1,https://c.test/?sig=T2')).to.equal(
      'https://a.test/?q=1,https://b.test/?token=REDACTED,https://c.test/?sig=REDACTED',
    );
  });

  it('redacts a bare name=value in text and a stack trace URL, and leaves prose alone', () => {
    expect(redact.text('bad token=abc given')).to.equal('bad token=REDACTED given');
    expect(redact.text('at f (https://cdn.test/app.js?sig=T3:10:5)')).to.not.contain('T3');
    expect(redact.text('Cannot read properties of undefined (reading "x")')).to.equal('Cannot read properties of undefined (reading "x")');
  });

  it('stops following nested URLs after a few levels', () => {
    let url = 'https://z.test/?token=DEEP';
    for (let i = 0; i < 10; i++) url = `https://n${i}.test/?next=${encodeURIComponent(url)}`;
    expect(() => redact(url)).to.not.throw();
  });
});
