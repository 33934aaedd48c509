import type { UrlPattern } from './config';
import type { Consent } from './consent';
import type { Logger } from './lib/logger';
import { parseUrl } from './lib/url';

/** Decides per absolute URL; shared by fetch, XHR and the ignore list so they can never disagree. */
export type UrlMatcher = (url: string) => boolean;

/**
 * Does `url` match `pattern`? A RegExp is tested on the full URL and on the origin. A string pattern is an origin (`https://api.example.com` matches every
 * URL of that origin, not `https://api.example.com.evil.net`) or a URL prefix ending at a path boundary.
 */
function matchesPattern(url: URL, href: string, pattern: UrlPattern): boolean {
  if (typeof pattern !== 'string') {
    // Tested on the full URL and on the origin alone, so a host pattern such as /\.example\.com$/
    // (as users write it) matches every URL of https://api.example.com.
    pattern.lastIndex = 0; // A /g or /y RegExp keeps state between calls.
    if (pattern.test(href)) return true;
    pattern.lastIndex = 0;
    return pattern.test(url.origin);
  }
  const wanted = parseUrl(pattern, href);
  if (!wanted || wanted.origin !== url.origin) return false;
  const path = wanted.pathname;
  if (path === '/' && !/^[a-z]+:\/\/[^/]+\//i.test(pattern)) return true;
  return url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`);
}

/** Builds a matcher for a list of patterns (or wraps a user function so it can never throw). */
export function createUrlMatcher(patterns: UrlPattern[] | ((url: string) => boolean), base: string): UrlMatcher {
  if (typeof patterns === 'function') {
    return (href) => {
      try {
        return patterns(href) === true;
      } catch {
        return false;
      }
    };
  }
  return (href) => {
    if (!patterns.length) return false;
    const url = parseUrl(href, base);
    return !!url && patterns.some((pattern) => matchesPattern(url, url.href, pattern));
  };
}

/** True when `href` is the export endpoint (any query string or fragment aside). */
export function createEndpointMatcher(endpoint: string, base: string): UrlMatcher {
  const target = parseUrl(endpoint, base);
  return (href) => {
    const url = parseUrl(href, base);
    return !!url && !!target && url.origin === target.origin && url.pathname === target.pathname;
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
  const pageOrigin = parseUrl(pageUrl, pageUrl)?.origin;
  const isEndpoint = createEndpointMatcher(options.endpoint, pageUrl);
  const isIgnoredByUser = createUrlMatcher(options.ignoreUrls, pageUrl);
  const isAllowed = createUrlMatcher(options.propagateTo, pageUrl);
  return {
    isIgnored: (href) => isEndpoint(href) || isIgnoredByUser(href),
    shouldPropagate: (href) => {
      if (isEndpoint(href) || (gates.consent && !gates.consent.isGranted())) return false;
      const url = parseUrl(href, pageUrl);
      if (!url || !/^https?:$/.test(url.protocol)) return false;
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
