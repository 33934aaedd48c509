import type { Config } from './config';
import { INSTRUMENTATION_NAMES } from './config';
import { splitList as list } from './lib/validate';

const keyValues = (value: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const pair of list(value)) {
    const at = pair.indexOf('=');
    if (at > 0) out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
};

/** A number when it reads as one; otherwise the text, so validation can name the bad value. */
const numberOrText = (value: string): number | string => (value.trim() !== '' && !isNaN(Number(value)) ? Number(value) : value);

/**
 * Reads the script tag's `data-*` attributes into a config. Names mirror the options in kebab-case
 * (`data-service-name` is `serviceName`); lists are comma-separated; `data-attributes` and
 * `data-headers` take `key=value` pairs; `data-instrumentations` lists the ones to turn on (the rest
 * are off), and `data-disable` the defaults to turn off.
 */
export function configFromDataset(dataset: DOMStringMap): Config {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dataset)) {
    if (value === undefined) continue;
    switch (key) {
      case 'propagateTo':
      case 'ignoreUrls':
        config[key] = list(value);
        break;
      case 'sampleRate':
        config[key] = numberOrText(value);
        break;
      case 'debug':
        config[key] = value === '' || value === 'true' ? true : value === 'false' ? false : value;
        break;
      case 'attributes':
      case 'headers':
        config[key] = keyValues(value);
        break;
      case 'instrumentations': {
        const wanted = list(value);
        const settings: Record<string, boolean> = {};
        for (const name of INSTRUMENTATION_NAMES) settings[name] = false;
        for (const name of wanted) settings[name] = true;
        config.instrumentations = { ...(config.instrumentations as object), ...settings };
        break;
      }
      case 'disable': {
        const settings: Record<string, boolean> = {};
        for (const name of list(value)) settings[name] = false;
        config.instrumentations = { ...(config.instrumentations as object), ...settings };
        break;
      }
      // data-session-idle-timeout-ms, data-session-max-age-ms, data-session-storage, data-session-storage-key
      case 'sessionIdleTimeoutMs':
      case 'sessionMaxAgeMs':
      case 'sessionStorage':
      case 'sessionStorageKey': {
        const field = key.charAt(7).toLowerCase() + key.slice(8);
        const numeric = field.endsWith('Ms');
        config.session = { ...(config.session as object), [field]: numeric ? numberOrText(value) : value };
        break;
      }
      default:
        config[key] = value;
    }
  }
  return config as unknown as Config;
}
