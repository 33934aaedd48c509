import { BOOLEAN, choice, mustBe, OBJECT, range, resolveSection, section, STRING, type Rule } from './checks';
import { DEFAULT_ATTRIBUTE_LIMITS, DEFAULT_CONTEXT_MANAGER, DEFAULT_EXPORT, DEFAULT_SECRET_PARAMS, DEFAULT_SESSION } from './defaults';
import { endpointRule } from './endpoint';
import { EXPORT_RULES } from './export';
import { HEADERS } from './headers';
import { INSTRUMENTATION_RULES, RESOLVED_INSTRUMENTATIONS } from './instrumentations';
import { PRIVACY_RULES } from './privacy';
import { PROBLEMS } from './problems';
import { SESSION_RULES } from './session';
import { URL_PATTERNS } from './url-patterns';
import { resolveSpanProcessors } from '../trace/user-processors';
import type { ResolvedConfig, ResolvedPrivacy, ResolveResult } from './types';

/**
 * The top-level rules, in the order problems are reported. The privacy options come before
 * `propagateTo`, whose rule reads `allowPropagateToAll`.
 */
const TOP_RULES: Record<string, Rule> = {
  serviceName: (value, field, problems) =>
    typeof value === 'string' && value !== ''
      ? value
      : void problems.push(value == null || value === '' ? PROBLEMS.required(field, value) : mustBe(field, 'a string', value)),
  serviceVersion: STRING,
  environment: STRING,
  sampleRate: range(0, 1),
  ...PRIVACY_RULES,
  propagateTo: URL_PATTERNS,
  ignoreUrls: URL_PATTERNS,
  attributes: OBJECT,
  headers: HEADERS,
  debug: BOOLEAN,
  session: section(SESSION_RULES, DEFAULT_SESSION),
  instrumentations: section(INSTRUMENTATION_RULES, RESOLVED_INSTRUMENTATIONS),
  contextManager: choice(['default', 'zone']),
  export: section(EXPORT_RULES, DEFAULT_EXPORT),
  spanProcessors: (value, _field, problems) => resolveSpanProcessors(value, problems),
};

/**
 * Every optional top-level option with its resolved default (`redactQueryParams` resolves to the names
 * to redact). `endpoint` and `serviceName` have none: they are required.
 */
const TOP_DEFAULTS = {
  sampleRate: 1,
  consent: 'granted',
  redactQueryParams: DEFAULT_SECRET_PARAMS,
  attributeLimits: DEFAULT_ATTRIBUTE_LIMITS,
  allowPropagateToAll: false,
  propagateBaggage: false,
  propagateTo: [],
  ignoreUrls: [],
  attributes: {},
  headers: {},
  debug: false,
  contextManager: DEFAULT_CONTEXT_MANAGER,
  spanProcessors: [],
};

/**
 * Validates user input and fills in defaults. Never throws: every problem found is returned, each
 * naming the field and the offending value; keys no option has are problems too, with the nearest
 * valid name.
 * @param input what the user passed to `init()`
 * @param base the page URL that a root-relative `endpoint` is resolved against
 */
export function resolveConfig(input: unknown, base: string): ResolveResult {
  const problems: string[] = [];
  if (input == null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: [mustBe('config', 'an object', input)] };
  // endpoint first: its problem is the one most worth reading.
  const flat = resolveSection('', input, { endpoint: endpointRule(base), ...TOP_RULES }, TOP_DEFAULTS, problems) as unknown as Omit<ResolvedConfig, 'privacy'> &
    Omit<ResolvedPrivacy, 'secretParams'> & { redactQueryParams: string[] };
  if (problems.length) return { ok: false, problems };
  const { consent, redactQueryParams, beforeSend, attributeLimits, allowPropagateToAll, propagateBaggage, ...config } = flat;
  return {
    ok: true,
    config: {
      ...config,
      privacy: { consent, secretParams: [...redactQueryParams], beforeSend, attributeLimits, allowPropagateToAll, propagateBaggage },
    },
  };
}
