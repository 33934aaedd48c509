// What the config resolvers share (config.ts, privacy-options.ts, session-options.ts, export/options.ts,
// context/options.ts, instrumentations/interaction-options.ts): one way to render a bad value, one form
// of message (`<field> must be <what>; got <value>`) and the checks that recur. Written once, because
// every byte of validation ships to every visitor.

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

/** A problem with a value already rendered by {@link describeValue}. */
export const mustBeRendered = (field: string, what: string, rendered: string): string => `${field} must be ${what}; got ${rendered}`;

/** The message for a bad value: `<field> must be <what>; got <value>`. */
export const mustBe = (field: string, what: string, value: unknown): string => mustBeRendered(field, what, describeValue(value));

export const mustBeObject = (field: string, value: unknown): string => mustBe(field, 'an object', value);
export const mustBeBoolean = (field: string, value: unknown): string => mustBe(field, 'true or false', value);

/** `"a" or "b"`, or `one of "a", "b", "c"`. */
export const oneOf = (choices: readonly string[]): string =>
  (choices.length > 2 ? 'one of ' : '') + choices.map((choice) => `"${choice}"`).join(choices.length > 2 ? ', ' : ' or ');

/** What a toggle with options takes (an instrumentation, `export.retry`, `export.persist`). */
export const TOGGLE = 'true, false or an options object';

/** An object that is not an array (nor a RegExp, which a URL list may hold). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);

/** A finite number from `min` to `max`. */
export const isNumberIn = (value: unknown, min: number, max = Number.MAX_VALUE): value is number =>
  typeof value === 'number' && value >= min && value <= max;

/** A list of non-blank strings (possibly empty). */
export const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');

/** Splits a `data-*` attribute's comma-separated list, dropping empty items. */
export const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
