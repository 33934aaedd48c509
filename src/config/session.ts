import { choice, isNumberIn, rule, type Rule } from './checks';

/** More than 0 ms: the smallest positive number is the bound. */
const DURATION = rule('a positive number of milliseconds', (value) => isNumberIn(value, Number.MIN_VALUE));

/** The rules of `session`. */
export const SESSION_RULES: Record<string, Rule> = {
  idleTimeoutMs: DURATION,
  maxAgeMs: DURATION,
  storage: choice(['localStorage', 'sessionStorage', 'memory']),
  storageKey: rule('a non-empty string', (value) => typeof value === 'string' && value !== ''),
};
