import { CONSENT_STATES } from '../privacy/consent';
import { BOOLEAN, choice, FUNCTION, isStringList, mustBe, section, type Rule } from './checks';
import { DEFAULT_ATTRIBUTE_LIMITS, DEFAULT_SECRET_PARAMS } from './defaults';

const LIMITS_WHAT = 'an object of positive whole numbers (count, valueLength, events)';

/** Each limit is a positive whole number; a bad one is reported with the whole object, as one problem. */
const LIMIT: Rule = (value, _field, problems, limits) => {
  if (value == null) return undefined;
  if (Number.isInteger(value) && (value as number) > 0) return value;
  problems.push(mustBe('attributeLimits', LIMITS_WHAT, limits));
};

/** `redactQueryParams` resolves to the names to redact: the defaults plus a list, a function's list, or none for `false`. */
const SECRET_PARAMS: Rule = (value, field, problems) => {
  if (value == null || value === true) return undefined;
  if (value === false) return [];
  let list = value;
  if (typeof value === 'function') {
    try {
      list = value([...DEFAULT_SECRET_PARAMS]);
      if (Array.isArray(list) && list.every((name) => typeof name === 'string')) return list;
    } catch {
      // Reported below like any other bad value.
    }
  } else if (isStringList(list)) return [...DEFAULT_SECRET_PARAMS, ...list];
  problems.push(mustBe(field, 'a list of parameter names, a function, or false', value));
};

/** The rules of the privacy options (top-level keys of the config). */
export const PRIVACY_RULES: Record<string, Rule> = {
  consent: choice(CONSENT_STATES),
  redactQueryParams: SECRET_PARAMS,
  beforeSend: FUNCTION,
  attributeLimits: section({ count: LIMIT, valueLength: LIMIT, events: LIMIT }, DEFAULT_ATTRIBUTE_LIMITS),
  allowPropagateToAll: BOOLEAN,
  propagateBaggage: BOOLEAN,
};
