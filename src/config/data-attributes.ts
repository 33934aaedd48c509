// The script tag's data-* attributes are text; this is the one place that turns them into option
// values, by the option's type, the same way for every option. Values that do not convert stay text,
// so validation refuses them naming the attribute's value.
import { INSTRUMENTATION_NAMES } from './instrumentations';
import type { Config } from './types';

/** Splits a comma-separated list, dropping empty items. */
const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `''` (the attribute alone) and `'true'` are true, `'false'` false. */
const flag = (value: string): boolean | string => (value === '' || value === 'true' ? true : value === 'false' ? false : value);

/** A number when it reads as one. */
const number = (value: string): number | string => (value.trim() !== '' && !isNaN(Number(value)) ? Number(value) : value);

/** `key=value` pairs. */
const pairs = (value: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const pair of list(value)) {
    const at = pair.indexOf('=');
    if (at > 0) out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
};

/** Each instrumentation name mapped to `on`. */
const toggles = (names: string[], on: boolean): Record<string, boolean> => Object.fromEntries(names.map((name) => [name, on]));

/** How each attribute's text becomes the option's value; others are plain strings. */
const CONVERT: Record<string, (value: string) => unknown> = {
  debug: flag,
  allowPropagateToAll: flag,
  propagateBaggage: flag,
  sampleRate: number,
  propagateTo: list,
  ignoreUrls: list,
  redactQueryParams: (value) => (value === 'false' ? false : list(value)),
  attributes: pairs,
  headers: pairs,
};

/**
 * Reads the script tag's `data-*` attributes into a config. Names mirror the options in kebab-case
 * (`data-service-name` is `serviceName`); lists are comma-separated; `data-attributes` and
 * `data-headers` take `key=value` pairs; `data-instrumentations` lists the ones to turn on (the rest
 * are off), and `data-disable` the defaults to turn off; `data-session-idle-timeout-ms` and the
 * other `data-session-*` attributes set `session`.
 */
export function configFromDataset(dataset: DOMStringMap): Config {
  const config: Record<string, unknown> = {};
  const instrumentations: Record<string, boolean> = {};
  const session: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dataset)) {
    if (value === undefined) continue;
    if (key === 'instrumentations') Object.assign(instrumentations, toggles(INSTRUMENTATION_NAMES, false), toggles(list(value), true));
    else if (key === 'disable') Object.assign(instrumentations, toggles(list(value), false));
    else if (/^session[A-Z]/.test(key)) {
      // sessionIdleTimeoutMs -> session.idleTimeoutMs
      const field = key.charAt(7).toLowerCase() + key.slice(8);
      session[field] = field.endsWith('Ms') ? number(value) : value;
    } else config[key] = (CONVERT[key] ?? String)(value);
  }
  if (Object.keys(instrumentations).length) config.instrumentations = instrumentations;
  if (Object.keys(session).length) config.session = session;
  return config as unknown as Config;
}
