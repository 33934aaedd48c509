import { describeValue, mustBe, TOGGLE, unknownKey } from './checks';
import { INSTRUMENTATION_NAMES } from './instrumentations';
import { REDACTED, withoutUserInfo } from '../privacy/redact';

/** Hides the user info of a URL shown in a message: it may hold a password or a token. */
const hideCredentials = (value: unknown): unknown => (typeof value === 'string' ? withoutUserInfo(value, `${REDACTED}@`) : value);

/** The messages of the top-level options whose wording is their own, exported so tests can assert the exact text. */
export const PROBLEMS = {
  required: (field: string, value: unknown) => `${field} is required; got ${describeValue(value)}`,
  endpoint: (value: unknown) => mustBe('endpoint', 'an absolute http(s) URL or a root-relative path such as "/v1/traces"', hideCredentials(value)),
  credentials: (value: unknown) =>
    `endpoint must not hold credentials (user:password@): they would be stored with unsent batches; send them in headers; got ${describeValue(hideCredentials(value))}`,
  sampleRate: (value: unknown) => mustBe('sampleRate', 'a number from 0 to 1', value),
  unknownInstrumentation: (name: string) => unknownKey(`instrumentations.${name}`, INSTRUMENTATION_NAMES),
  instrumentationSetting: (name: string, value: unknown) => mustBe(`instrumentations.${name}`, TOGGLE, value),
  headerName: (value: unknown) => mustBe('headers names', "HTTP tokens (letters, digits and !#$%&'*+-.^_`|~)", value),
  headerValue: (name: string, value: unknown) => mustBe(`headers.${name}`, 'a string without CR, LF or NUL', value),
  urlPatterns: (field: string, value: unknown) =>
    mustBe(field, `a list of origins, URL prefixes or RegExps${field === 'propagateTo' ? ', or a function' : ''}`, value),
  urlPattern: (field: string, value: unknown) => mustBe(`${field} entries`, 'http(s) origins or URL prefixes (or RegExps)', value),
  matchesEverything: (field: string, value: unknown) =>
    `${field} entry ${describeValue(value)} would match every URL and send trace headers everywhere; list the origins instead (or set allowPropagateToAll: true)`,
  unanchored: (field: string, value: unknown) =>
    `${field} entry ${describeValue(value)} must end with $ (it is tested against the origin, scheme://host[:port])`,
  wildcardHost: (field: string, value: unknown) =>
    `${field} entry ${describeValue(value)} has a wildcard, which string entries do not support; use a RegExp such as /^https:\\/\\/[^/]+\\.example\\.com$/`,
};
