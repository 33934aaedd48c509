import type { ConsentState } from './consent';
import { CONSENT_STATES, isConsentState } from './consent';
import { DEFAULT_SECRET_PARAMS } from './lib/redact';
import { isObject, isStringList, mustBe, mustBeBoolean, oneOf, splitList } from './lib/validate';
import type { BeforeSend } from './processors/before-send';
import { DEFAULT_ATTRIBUTE_LIMITS, type AttributeLimits } from './processors/limits';

/** The privacy and security options of {@link Config}. */
export interface PrivacyOptions {
  /**
   * Whether the user agreed to tracing. While not `'granted'` nothing is exported, no request gets a
   * trace header, and nothing is written to storage; spans of a `'pending'` page wait in memory
   * (up to 500) and are sent if `setConsent('granted')` follows, or discarded on `'denied'`.
   * @default 'granted'
   */
  consent?: ConsentState;
  /**
   * Query (and fragment) parameters whose values are replaced by `REDACTED` in every URL the SDK records.
   * A list adds names to the defaults (`token`, `password`, `key`, `auth`, `session`, `code`, ... see
   * the README); a function receives the defaults and returns the list to use; `false` turns query
   * redaction off. A name matches whole words at the end of a parameter's name: `key` matches `key`,
   * `apiKey` and `X-Api-Key` but not `monkey`. User info (`https://user:pass@host`) is always removed.
   * @default the built-in list
   */
  redactQueryParams?: string[] | false | ((defaults: string[]) => string[]);
  /**
   * Called with each finished span (a plain, mutable copy) before export: change its `name`,
   * `attributes`, `events` or `status`, or return `null`/`false` to drop it. Runs after redaction.
   * A hook that throws drops the span; the error is logged once in debug mode.
   * @default undefined
   */
  beforeSend?: BeforeSend;
  /**
   * Bounds on one span: attributes per span and per event (`count`), characters per string value
   * (`valueLength`, also for the span name and status message) and `events` per span.
   * @default { count: 128, valueLength: 4096, events: 128 }
   */
  attributeLimits?: Partial<AttributeLimits>;
  /**
   * Accept `propagateTo` entries that match every URL (`'*'`, `/.*\/`), which are refused otherwise:
   * trace headers then go to every server the page calls, third parties included.
   * @default false
   */
  allowPropagateToAll?: boolean;
  /**
   * Also send the W3C `baggage` header (entries set with `propagation.setBaggage`) wherever
   * `traceparent` goes. Off by default: baggage often carries user data.
   * @default false
   */
  propagateBaggage?: boolean;
}

/** The privacy options after validation. */
export interface ResolvedPrivacy {
  consent: ConsentState;
  /** Query parameter names to redact; empty when query redaction is off. */
  secretParams: string[];
  beforeSend?: BeforeSend;
  attributeLimits: AttributeLimits;
  allowPropagateToAll: boolean;
  propagateBaggage: boolean;
}

/** Validation messages for these options, exported so tests can assert the exact text. */
export const PRIVACY_PROBLEMS = {
  consent: (value: unknown) => mustBe('consent', oneOf(CONSENT_STATES), value),
  redactQueryParams: (value: unknown) => mustBe('redactQueryParams', 'a list of parameter names, a function, or false', value),
  beforeSend: (value: unknown) => mustBe('beforeSend', 'a function', value),
  attributeLimits: (value: unknown) => mustBe('attributeLimits', 'an object of positive whole numbers (count, valueLength, events)', value),
  boolean: mustBeBoolean,
};

/** A `data-*` attribute arrives as text: `''` and `'true'` mean true there. */
function flag(field: string, value: unknown, problems: string[]): boolean {
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true' || value === '') return true;
  problems.push(PRIVACY_PROBLEMS.boolean(field, value));
  return false;
}

function resolveSecretParams(value: unknown, problems: string[]): string[] {
  if (value === undefined || value === true) return [...DEFAULT_SECRET_PARAMS];
  if (value === false || value === 'false') return [];
  if (typeof value === 'function') {
    try {
      const list = value([...DEFAULT_SECRET_PARAMS]);
      if (Array.isArray(list) && list.every((name) => typeof name === 'string')) return list;
    } catch {
      // Reported below like any other bad value.
    }
    problems.push(PRIVACY_PROBLEMS.redactQueryParams(value));
    return [...DEFAULT_SECRET_PARAMS];
  }
  // From a data-* attribute: a comma-separated list.
  const list = typeof value === 'string' ? splitList(value) : value;
  if (isStringList(list)) return [...DEFAULT_SECRET_PARAMS, ...list];
  problems.push(PRIVACY_PROBLEMS.redactQueryParams(value));
  return [...DEFAULT_SECRET_PARAMS];
}

function resolveLimits(value: unknown, problems: string[]): AttributeLimits {
  if (value === undefined) return { ...DEFAULT_ATTRIBUTE_LIMITS };
  const limits = { ...DEFAULT_ATTRIBUTE_LIMITS };
  const entries = isObject(value) ? Object.entries(value) : [];
  const valid =
    isObject(value) && entries.every(([key, limit]) => key in limits && (limit === undefined || (Number.isInteger(limit) && (limit as number) > 0)));
  if (!valid) {
    problems.push(PRIVACY_PROBLEMS.attributeLimits(value));
    return limits;
  }
  for (const [key, limit] of entries) if (limit !== undefined) limits[key as keyof AttributeLimits] = limit as number;
  return limits;
}

/** Validates the privacy options of `input`, adding any problems to `problems`. Never throws. */
export function resolvePrivacy(input: Record<string, unknown>, problems: string[]): ResolvedPrivacy {
  const consent = input.consent ?? 'granted';
  if (!isConsentState(consent)) problems.push(PRIVACY_PROBLEMS.consent(input.consent));
  if (input.beforeSend !== undefined && typeof input.beforeSend !== 'function') problems.push(PRIVACY_PROBLEMS.beforeSend(input.beforeSend));
  return {
    consent: isConsentState(consent) ? consent : 'granted',
    secretParams: resolveSecretParams(input.redactQueryParams, problems),
    beforeSend: typeof input.beforeSend === 'function' ? (input.beforeSend as BeforeSend) : undefined,
    attributeLimits: resolveLimits(input.attributeLimits, problems),
    allowPropagateToAll: flag('allowPropagateToAll', input.allowPropagateToAll, problems),
    propagateBaggage: flag('propagateBaggage', input.propagateBaggage, problems),
  };
}
