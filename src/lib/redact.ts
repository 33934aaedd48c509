import { DEFAULT_SECRET_PARAMS } from '../config/defaults';

// The default list lives with the other defaults; re-exported for the modules that read it from here.
export { DEFAULT_SECRET_PARAMS };
export const REDACTED = 'REDACTED';

/** A redactor's two views: one URL, or free text that may contain URLs (span names, error messages). */
export interface UrlRedactor {
  /** Redacts one URL, absolute or relative: secret query (and fragment) values, user info. */
  (url: string): string;
  /** Redacts every URL-looking token inside `text`. */
  text(text: string): string;
  /** Redacts a bare query string without its `?` (`a=1&token=2`), such as the `url.query` attribute. */
  params(query: string): string;
}

/**
 * Splits a parameter name into lower-case words at `_`, `-`, `.`, brackets and camelCase humps:
 * `x-api-key`, `x_api_key` and `xApiKey` all give `x api key`; `zipcode` stays one word.
 */
export function paramWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Builds a secret-name test. The rule works on whole words so that it catches the usual spellings
 * without substring accidents: a name is secret when one of its word-suffixes, joined, equals a listed
 * name (also joined). With `key` and `api_key` listed, `key`, `apiKey`, `X-Api-Key` and `license_key`
 * are secret; `monkey`, `keyword`, `zipcode` and `key_id` are not. (`postal_code` is, since its last
 * word is `code`: for secrets, a false alarm is the cheaper mistake.)
 */
export function createSecretNameTest(secretParams: readonly string[]): (name: string) => boolean {
  // Built on first use rather than during init(): most pages have no query parameter to test for a while.
  let listed: Set<string> | undefined;
  return (name) => {
    listed ??= new Set(secretParams.map((listedName) => paramWords(listedName).join('')).filter(Boolean));
    const words = paramWords(name);
    for (let i = 0; i < words.length; i++) if (listed.has(words.slice(i).join(''))) return true;
    return false;
  };
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Redacts `a=1&token=2` style parameters, rewriting only the secret values so that everything else
 * (order, encoding, parameters without a value) stays byte for byte as it was.
 */
function redactParams(params: string, isSecret: (name: string) => boolean): string {
  if (!params.includes('=')) return params;
  return params
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at > 0 && pair.length > at + 1 && isSecret(decodeName(pair.slice(0, at))) ? `${pair.slice(0, at + 1)}${REDACTED}` : pair;
    })
    .join('&');
}

/** `scheme://user:pass@host` or `//user:pass@host`: the user info ends at the last `@` before the path. */
const USER_INFO = /^((?:[a-z][a-z0-9+.-]*:)?\/\/)[^/?#\\]*@/i;
/**
 * Free text is cut into tokens at whitespace, quotes and brackets; tokens holding `?`, `#` or `@` are
 * treated as URLs. (One pass over the text: a pattern that searched for the `?` itself would backtrack
 * quadratically over long runs without one.)
 */
const TOKEN = /[^\s"'`<>()[\]{}]+/g;
const URL_MARK = /[?#@]/;

/**
 * Builds a URL redactor: secret-looking query values become `REDACTED`, and so do secret-looking
 * fragment parameters (`#access_token=...` from OAuth redirects, `#/reset?token=...` in hash routes);
 * user info (`https://user:pass@host`) is removed. Other characters are left exactly as they were.
 * @param secretParams names to redact, see {@link createSecretNameTest}; an empty list redacts only user info
 */
export function createUrlRedactor(secretParams: readonly string[] = DEFAULT_SECRET_PARAMS): UrlRedactor {
  const isSecret = createSecretNameTest(secretParams);
  const redactUrl = remembered((url: string): string => {
    let out = url.replace(USER_INFO, '$1');
    const hash = out.indexOf('#');
    const fragment = hash >= 0 ? out.slice(hash + 1) : undefined;
    if (hash >= 0) out = out.slice(0, hash);
    const question = out.indexOf('?');
    if (question >= 0) out = `${out.slice(0, question + 1)}${redactParams(out.slice(question + 1), isSecret)}`;
    if (fragment !== undefined) {
      // A hash route keeps its own query after a `?`; a bare fragment of `k=v` pairs is all parameters.
      const inner = fragment.indexOf('?');
      const redactedFragment =
        inner >= 0 ? `${fragment.slice(0, inner + 1)}${redactParams(fragment.slice(inner + 1), isSecret)}` : redactParams(fragment, isSecret);
      out = `${out}#${redactedFragment}`;
    }
    return out;
  });
  const redactText = remembered((text: string): string => text.replace(TOKEN, (token) => (URL_MARK.test(token) ? redactUrl(token) : token)));
  const redact = ((url: string): string => (typeof url === 'string' && URL_MARK.test(url) ? redactUrl(url) : url)) as UrlRedactor;
  redact.params = (query) => (typeof query === 'string' ? redactParams(query, isSecret) : query);
  redact.text = (text) => (typeof text === 'string' && URL_MARK.test(text) ? redactText(text) : text);
  return redact;
}

/** How many recent results a redactor keeps, and the longest input it keeps one for. */
const REMEMBERED = 64;
const REMEMBERED_LENGTH = 2048;

/**
 * Redacting is pure, and the same few strings come back on span after span (the page's URL is on
 * every one): the recent results are kept, so a repeated URL costs one lookup instead of a split into
 * parameters and a word test per parameter name.
 */
function remembered(redact: (input: string) => string): (input: string) => string {
  const results = new Map<string, string>();
  return (input) => {
    let output = results.get(input);
    if (output === undefined) {
      output = redact(input);
      if (input.length <= REMEMBERED_LENGTH) {
        // The oldest goes first: a Map iterates in insertion order.
        if (results.size >= REMEMBERED) results.delete(results.keys().next().value!);
        results.set(input, output);
      }
    }
    return output;
  };
}
