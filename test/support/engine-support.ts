// What the engine running a test has, probed the way the SDK probes it (features, not user agents), so a
// test can assert the engine's actual behaviour where an API is missing, and say which API in its name.

/** Performance entry types this engine can observe. */
export const entryTypes: readonly string[] = typeof PerformanceObserver !== 'undefined' ? (PerformanceObserver.supportedEntryTypes ?? []) : [];

/** True when the engine can observe `type` entries (e.g. 'largest-contentful-paint', 'layout-shift'). */
export const observes = (type: string): boolean => entryTypes.includes(type);

/**
 * A test title for an engine that lacks `api`: says what is missing and what is asserted instead, so a
 * report never shows a silently skipped or silently weakened test.
 */
export const without = (api: string, instead: string): string => `without ${api} in this engine: ${instead}`;

/**
 * The engine, for the few behaviours no feature test can reveal (what a navigation does to requests in
 * flight, how much leaves during pagehide). Chromium-based, Firefox (Gecko) or WebKit.
 */
export const engine: 'chromium' | 'firefox' | 'webkit' = /Firefox\//.test(navigator.userAgent)
  ? 'firefox'
  : /Chrom(e|ium)\//.test(navigator.userAgent)
    ? 'chromium'
    : 'webkit';
