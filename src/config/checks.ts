// The one validation style of every config section: a table of rules, one per option, run by
// `resolveSection`, which also reports unknown keys with the nearest valid name. Messages take one
// form, `<field> must be <what>; got <value>`. Written once, because every byte of validation ships to
// every visitor.
import { nearest } from './suggest';

/** Renders a config value for a message: as JSON (strings quoted), a RegExp as itself, at most 200 characters. */
export function describeValue(value: unknown): string {
  // A function's source can be long and is no help in a one-line message.
  if (typeof value === 'function') return 'a function';
  try {
    return String(value instanceof RegExp ? value : (JSON.stringify(value) ?? value)).slice(0, 200);
  } catch {
    return String(value);
  }
}

/** The message for a bad value: `<field> must be <what>; got <value>` (`described` where the value needs its own description). */
export const mustBe = (field: string, what: string, value: unknown, described = describeValue(value)): string => `${field} must be ${what}; got ${described}`;

/** `"a" or "b"`, or `one of "a", "b", "c"`. */
export const oneOf = (choices: readonly string[]): string =>
  (choices.length > 2 ? 'one of ' : '') + choices.map((choice) => `"${choice}"`).join(choices.length > 2 ? ', ' : ' or ');

/** What a toggle with options takes (an instrumentation, `export.retry`, `export.persist`). */
export const TOGGLE = 'true, false or an options object';

/** An object that is not an array (nor a RegExp, which a URL list may hold). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);

/** A finite number from `min` to `max`. */
export const isNumberIn = (value: unknown, min: number, max = Number.MAX_VALUE): value is number => typeof value === 'number' && value >= min && value <= max;

/** A list of non-blank strings (possibly empty). */
export const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');

/** The message for a key no rule knows, with the nearest known name when one is close. */
export function unknownKey(field: string, known: readonly string[]): string {
  const key = field.slice(field.lastIndexOf('.') + 1);
  const near = nearest(key, known);
  return `${field} is unknown; ${near ? `did you mean ${near}?` : `known: ${known.join(', ') || 'none'}`}`;
}

/**
 * Checks one option. Returns the value to use, or `undefined` to keep the default (absent, or bad
 * and reported in `problems`). `section` is the whole object the option sits in, for rules that
 * depend on a neighbour.
 */
export type Rule = (value: unknown, field: string, problems: string[], section: Record<string, unknown>) => unknown;

/**
 * The usual rule: an absent value keeps the default; one that fails `test` is reported as `<field> must
 * be <what>`. `what` may be a function, to write the text only for a bad value (see {@link range}).
 */
export const rule =
  (what: string | (() => string), test: (value: unknown) => boolean): Rule =>
  (value, field, problems) => {
    if (value == null) return undefined;
    if (test(value)) return value;
    problems.push(mustBe(field, typeof what === 'string' ? what : what(), value));
  };

export const BOOLEAN = rule('true or false', (value) => typeof value === 'boolean');
export const FUNCTION = rule('a function', (value) => typeof value === 'function');
export const STRING = rule('a string', (value) => typeof value === 'string');
export const OBJECT = rule('an object', isObject);
export const choice = (choices: readonly string[]): Rule => rule(oneOf(choices), (value) => choices.includes(value as string));
// The bounds become text only for a message: the ranges are made when the SDK loads, and numbers turned
// into text there filled V8's number-to-string cache, which then held ~64 KiB for the page's life.
export const range = (min: number, max: number): Rule =>
  rule(
    () => `a number from ${min} to ${max}`,
    (value) => isNumberIn(value, min, max),
  );

/**
 * Resolves one section of the config: every rule runs on its key (in the table's order), absent
 * keys keep `defaults`, and each key the table does not have is reported, with the nearest name.
 * A key that is absent and has a default keeps it without running its rule (a rule keeps the default
 * for an absent value): `init()` then runs, and compiles, only the rules of the options it was given.
 * Rules without a default run always (a required option reports its absence).
 * @param field the section's path (`export.retry`), `''` at the top
 */
export function resolveSection<T extends object>(field: string, raw: unknown, rules: Record<string, Rule>, defaults: T, problems: string[]): T {
  const out = { ...defaults } as Record<string, unknown>;
  if (raw == null) return out as T;
  if (!isObject(raw)) {
    problems.push(mustBe(field, 'an object', raw));
    return out as T;
  }
  const known = Object.keys(rules);
  const path = (key: string) => (field ? `${field}.${key}` : key);
  for (const key of Object.keys(raw)) if (!known.includes(key)) problems.push(unknownKey(path(key), known));
  for (const key of known) {
    if (raw[key] === undefined && key in defaults) continue;
    const value = rules[key](raw[key], path(key), problems, raw);
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/** A nested section (`session`, `export`), resolved by its own table. */
export const section =
  (rules: Record<string, Rule>, defaults: object): Rule =>
  (value, field, problems) =>
    resolveSection(field, value, rules, defaults, problems);

/** A toggle with options (`export.retry`, each instrumentation): `true` is the defaults, `false` off, an object its own section. */
export const toggle =
  (rules: Record<string, Rule>, defaults: object): Rule =>
  (value, field, problems) => {
    if (value === true) return { ...defaults };
    if (value == null || value === false) return value ?? undefined;
    if (isObject(value)) return resolveSection(field, value, rules, defaults, problems);
    problems.push(mustBe(field, TOGGLE, value));
  };
