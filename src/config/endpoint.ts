import type { Rule } from './checks';
import { PROBLEMS } from './problems';

/**
 * A root-relative path as the URL parser reads it: `/` then anything but a second `/` or `\`, and no
 * backslash, control character or space anywhere. The parser drops tabs and newlines and reads `\` as
 * `/`, so `/\host/...` and `/<tab>/host/...` would reach another origin.
 */
const ROOT_RELATIVE = /^\/(?![/\\])[^\\\0-\x20\x7f]*$/;

/** The `endpoint` rule: an absolute http(s) URL without credentials, or a root-relative path resolved against `base`. */
export const endpointRule =
  (base: string): Rule =>
  (value, field, problems) => {
    if (value == null || value === '') return void problems.push(PROBLEMS.required(field, value));
    if (typeof value === 'string' && (/^https?:\/\//i.test(value) || ROOT_RELATIVE.test(value))) {
      try {
        const url = new URL(value, base);
        // Credentials would be stored with every unsent batch, and browsers refuse them in fetch().
        if (url.username || url.password) return void problems.push(PROBLEMS.credentials(value));
        return url.href;
      } catch {
        // Reported below like any other bad value.
      }
    }
    problems.push(PROBLEMS.endpoint(value));
  };
