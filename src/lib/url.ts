/** The URL parsed last: see parseUrl. */
let last: URL | undefined;

/**
 * Parses `url` (against `base`, if given), or returns undefined: page code passes all kinds of things to
 * fetch. The result is shared and must not be changed. For one request, fetch/XHR, the request policy
 * and the span each parse the same absolute URL in turn: an absolute URL does not depend on the base,
 * so when `url` is the last result's href, that result serves again (one parse per request, not four).
 */
export function parseUrl(url: string, base?: string): URL | undefined {
  if (last !== undefined && url === last.href) return last;
  try {
    return (last = new URL(url, base));
  } catch {
    return undefined;
  }
}
