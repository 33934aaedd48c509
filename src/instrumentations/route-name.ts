/** A path segment that is an id, not a route: numbers, UUIDs, long hex or long mixed letters and digits. */
const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{12,}|(?=.*\d)[A-Za-z0-9_-]{20,})$/i;

/**
 * The built-in route name of a URL: its path (plus a hash route like `#/cart`), with id-like segments
 * replaced by `:id`, so `/product/123` and `/product/456` share one span name.
 */
export function defaultRouteName(url: URL): string {
  const hash = /^#!?\//.test(url.hash) ? url.hash.replace(/[?].*$/, '') : '';
  return `${templatePath(url.pathname)}${hash ? templatePath(hash) : ''}`;
}

function templatePath(path: string): string {
  return path
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/');
}
