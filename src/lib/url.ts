/** The URL parsed last, and its href (read once: each read of `href` serializes the URL anew). */
let last: URL | undefined;
let lastHref: string | undefined;

/**
 * Parses `url` (against `base`, if given), or returns undefined: page code passes all kinds of things to
 * fetch. The result is shared and must not be changed. For one request, fetch/XHR, the request policy
 * and the span each parse the same absolute URL in turn: an absolute URL does not depend on the base,
 * so when `url` is the last result's href, that result serves again (one parse per request, not four).
 */
export function parseUrl(url: string, base?: string): URL | undefined {
  if (url === lastHref) return last;
  try {
    const parsed = new URL(url, base);
    lastHref = parsed.href;
    return (last = parsed);
  } catch {
    return undefined;
  }
}
