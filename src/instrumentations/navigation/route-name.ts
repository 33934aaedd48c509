/**
 * A path segment that is an id or a token, not a route: numbers, UUIDs, long hex, runs of 16+ letters
 * and digits without separators (reset and magic-link tokens, also letters only), or 20+ characters with
 * a digit. Hyphenated slugs (`how-to-bake-bread`) stay.
 */
const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{12,}|[A-Za-z0-9]{16,}|(?=.*\d)[\w.~%-]{20,})$/i;
/** An e-mail address in a segment, raw or percent-encoded (`ann@example.com`, `ann%40example.com`). */
const EMAIL_SEGMENT = /@|%40/i;

/**
 * The built-in route name of a URL: its path (plus a hash route like `#/cart`), with id-like segments
 * replaced by `:id` and e-mail addresses by `:email`, so `/product/123` and `/product/456` share one
 * span name and no name carries a user's address or token.
 */
export function defaultRouteName(url: URL): string {
  const hash = /^#!?\//.test(url.hash) ? url.hash.replace(/[?].*$/, '') : '';
  return `${templatePath(url.pathname)}${hash ? templatePath(hash) : ''}`;
}

function templatePath(path: string): string {
  return path
    .split('/')
    .map((segment) => (EMAIL_SEGMENT.test(segment) ? ':email' : ID_SEGMENT.test(segment) || segment === 'REDACTED' ? ':id' : segment))
    .join('/');
}
