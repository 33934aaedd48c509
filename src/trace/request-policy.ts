import type { UrlPattern } from '../config';
import type { Consent } from '../privacy/consent';
import type { Logger } from '../lib/logger';
import { parseUrl } from '../lib/url';

/** Decides per absolute URL; shared by fetch, XHR and the ignore list so they can never disagree. */
export type UrlMatcher = (url: string) => boolean;

/**
 * Does `url` match `pattern`? For `propagateTo` (`byOrigin`) a RegExp sees only the origin
 * (`scheme://host[:port]`), so nothing in a path, query or fragment can ever make it match another
 * origin; for `ignoreUrls` it sees the full URL. A string pattern is an origin (`https://api.example.com`
 * matches every URL of that origin, not `https://api.example.com.evil.net`) or a URL prefix ending at a
 * path boundary.
 */
function matchesPattern(url: URL, pattern: UrlPattern, byOrigin: boolean): boolean {
  if (typeof pattern !== 'string') {
    pattern.lastIndex = 0; // A /g or /y RegExp keeps state between calls.
    return pattern.test(byOrigin ? url.origin : url.href);
  }
  const wanted = parseUrl(pattern, url.href);
  if (!wanted || wanted.origin !== url.origin) return false;
  const path = wanted.pathname;
  if (path === '/' && !/^[a-z]+:\/\/[^/]+\//i.test(pattern)) return true;
  return url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`);
}

/** Origins no `propagateTo` RegExp may match: one that does would match every origin. */
const PROBE_ORIGINS = ['https://otel-probe.invalid', 'http://otel-probe.invalid:8080'];

/**
 * Why a `propagateTo` RegExp is refused, if it is: `everything` when it matches unrelated origins
 * (`/.*\/`, `/^https:/`, whatever its flags), `unanchored` when one of its alternatives does not end with
 * `$` (then `/example\.com/` would also match `https://example.com.evil.net`).
 */
export function originPatternProblem(pattern: RegExp): 'everything' | 'unanchored' | undefined {
  const probe = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  if (PROBE_ORIGINS.some((origin) => probe.test(origin))) return 'everything';
  // Escapes and classes, then groups (innermost first), are blanked: what is left splits at top-level `|`.
  let rest = pattern.source.replace(/\\./g, '_').replace(/\[[^\]]*\]/g, '_');
  while (rest !== (rest = rest.replace(/\([^()]*\)/g, '_')));
  return rest.split('|').every((branch) => branch.endsWith('$')) ? undefined : 'unanchored';
}

/**
 * Builds a matcher for a list of patterns, or wraps a user function so it can never throw. With
 * `byOrigin` (propagateTo) RegExps and the function are given the origin alone, never the full URL.
 */
export function createUrlMatcher(patterns: UrlPattern[] | ((url: string) => boolean), base: string, byOrigin = false): UrlMatcher {
  return (href) => {
    // (A function's `length` is its parameter count: only a list is checked for being empty.)
    if (typeof patterns !== 'function' && !patterns.length) return false;
    const url = parseUrl(href, base);
    if (!url) return false;
    if (typeof patterns !== 'function') return patterns.some((pattern) => matchesPattern(url, pattern, byOrigin));
    try {
      return patterns(byOrigin ? url.origin : href) === true;
    } catch {
      return false;
    }
  };
}

/** True when `href` is the export endpoint (any query string or fragment aside). */
export function createEndpointMatcher(endpoint: string, base: string): UrlMatcher {
  const target = parseUrl(endpoint, base);
  // Read once: URL's getters build a new string on every read, and this runs twice per request.
  const origin = target?.origin;
  const pathname = target?.pathname;
  return (href) => {
    const url = parseUrl(href, base);
    return !!url && !!target && url.pathname === pathname && url.origin === origin;
  };
}

export interface RequestPolicy {
  /** The request is not traced at all: the exporter's endpoint and `ignoreUrls`. */
  isIgnored: UrlMatcher;
  /** The request gets `traceparent`: the page's own origin and `propagateTo`, never the endpoint. */
  shouldPropagate: UrlMatcher;
}

/** What else the policy consults: consent (no header without it), and a logger for debug hints. */
export interface PolicyGates {
  consent?: Pick<Consent, 'isGranted'>;
  logger?: Pick<Logger, 'debugOnce'>;
}

/** One place that decides which requests are traced and which get trace headers. */
export function createRequestPolicy(
  options: { endpoint: string; propagateTo: UrlPattern[] | ((url: string) => boolean); ignoreUrls: UrlPattern[] },
  pageUrl: string,
  gates: PolicyGates = {},
): RequestPolicy {
  const page = parseUrl(pageUrl, pageUrl);
  const pageOrigin = page?.origin;
  // An href that starts with `http(s)://host[:port]/` of the page is of its origin (no user info can come
  // before that `/`): the page's own requests, most of them, are told apart without reading the URL's parts.
  const pagePrefix = page && /^https?:$/.test(page.protocol) && `${pageOrigin}/`;
  const isEndpoint = createEndpointMatcher(options.endpoint, pageUrl);
  const isIgnoredByUser = createUrlMatcher(options.ignoreUrls, pageUrl);
  const isAllowed = createUrlMatcher(options.propagateTo, pageUrl, true);
  return {
    isIgnored: (href) => isEndpoint(href) || isIgnoredByUser(href),
    shouldPropagate: (href) => {
      if (isEndpoint(href) || (gates.consent && !gates.consent.isGranted())) return false;
      const url = parseUrl(href, pageUrl);
      if (!url) return false;
      if (pagePrefix && url.href.startsWith(pagePrefix)) return true;
      if (!/^https?:$/.test(url.protocol)) return false;
      if (url.origin === pageOrigin || isAllowed(url.href)) return true;
      // The usual reason a backend's spans do not join the page's trace: say so once per origin.
      gates.logger?.debugOnce(
        `no-trace-header ${url.origin}`,
        `no trace header sent to ${url.origin}: not the page's origin and not in propagateTo (add it there if that server should join the trace)`,
      );
      return false;
    },
  };
}
