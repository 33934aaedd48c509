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
  /** Redacts a bare fragment without its `#` (`access_token=1&state=2` or `/reset?token=3`), such as `url.fragment`. */
  fragment(fragment: string): string;
}

/**
 * Splits a parameter name into lower-case words at `_`, `-`, `.`, brackets and camelCase humps:
 * `x-api-key`, `x_api_key` and `xApiKey` all give `x api key`; `zipcode` stays one word. Digits only
 * separate (`token1` and `token_2` give `token`).
 */
export function paramWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
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

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** How deep parameter values holding URLs are followed (`?next=/login?redirect=/reset?token=…`). */
const MAX_NESTING = 4;

/**
 * A value that is a credential whatever its name: a JWT (`eyJ…​.…​.…`), a long hex digest (32+, digits and
 * letters), or a long
 * run (20+) of letters in both cases and 2+ digits (webhook and magic-link tokens). Used on path segments and on
 * parameter values; ids such as `123`, UUIDs and hyphenated slugs do not match.
 */
const SECRET_VALUE =
  /^(eyJ[\w-]*\.[\w-]+\.[\w-]*|(?=[\da-fA-F]*\d)(?=[\da-fA-F]*[a-fA-F])[\da-fA-F]{32,}|(?=(?:[\w-]*\d){2})(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{20,})$/;

/** `scheme://user:pass@` or `//user:pass@` anywhere: the user info runs to the last `@` before the host ends. */
const USER_INFO = /((?:[a-z][a-z0-9+.-]*:)?\/\/)[^\s/?#\\"'<>]*@/gi;

/** `text` with the user info of every URL in it removed, or put as `mark` (config messages show `REDACTED@`). */
export const withoutUserInfo = (text: string, mark = ''): string => text.replace(USER_INFO, `$1${mark}`);
/**
 * Free text is cut into tokens at whitespace, quotes, parentheses, braces and commas before a scheme (comma-joined
 * URLs); tokens holding `/ ? # @ ; =` go through the URL redactor. (One pass over the text: a pattern that
 * searched for the `?` itself would backtrack quadratically over long runs without one.)
 */
const TOKEN = /(?:[^\s"'`<>(){},]|,(?![a-z][a-z0-9+.-]*:\/\/))+|,/gi;
const URL_MARK = /[/?#@;=]/;
/**
 * What any redaction needs to find: a query, fragment, matrix parameter or user info, or a path segment that
 * can be a credential (a JWT starts `eyJ`; the other SECRET_VALUE shapes are 20+ word characters). Text
 * without any of these comes out unchanged, so it skips the tokenizing and the cache (a request's URL is new
 * on most spans: `/api/items/123` would otherwise be split and tested segment by segment).
 */
const MAY_HOLD_SECRET = /[?#@;=]|eyJ|[\w-]{20}/;
/** Whether `text` is a string a URL rule could change: the one test before every redaction of URLs or text. */
const mayHoldSecret = (text: unknown): text is string => typeof text === 'string' && URL_MARK.test(text) && MAY_HOLD_SECRET.test(text);

/**
 * Builds a URL redactor. One rule set for every place a secret can hide in a URL or in text:
 * - user info (`https://user:pass@host`) is removed, anywhere in the text;
 * - query parameters (split at `&` and `;`), fragment parameters (`#access_token=…`), hash-route queries
 *   (`#/reset?token=…`) and matrix parameters (`/a;jsessionid=…`) with a secret name get `REDACTED`;
 * - values holding a URL are decoded and redacted the same way, up to 4 levels deep;
 * - path segments and values that look like credentials (JWTs, long hex, long mixed-case tokens) too.
 * Everything else is left exactly as it was.
 * @param secretParams names to redact, see {@link createSecretNameTest}; an empty list redacts only user info
 */
export function createUrlRedactor(secretParams: readonly string[] = DEFAULT_SECRET_PARAMS): UrlRedactor {
  const isSecret = createSecretNameTest(secretParams);
  const byName = secretParams.length > 0;

  /** One `name=value` (or a bare value); `depth` bounds the nesting. */
  const redactPair = (pair: string, depth: number): string => {
    const at = pair.indexOf('=');
    const name = at > 0 ? pair.slice(0, at) : '';
    const value = pair.slice(at + 1);
    if (!value) return pair;
    if ((byName && name && isSecret(decode(name))) || (byName && SECRET_VALUE.test(value))) return `${pair.slice(0, at + 1)}${REDACTED}`;
    if (depth >= MAX_NESTING) return pair;
    // A URL (or query) inside a value, raw or percent-encoded: redacted on its own, re-encoded if it was.
    const plain = decode(value);
    if (!URL_MARK.test(plain)) return pair;
    const redacted = redactAny(plain, depth + 1);
    if (redacted === plain) return pair;
    return `${pair.slice(0, at + 1)}${plain === value ? redacted : encodeURIComponent(redacted)}`;
  };

  /** `a=1&token=2;b=3`: separators kept, so unchanged parameters stay byte for byte. */
  const redactParams = (params: string, depth: number): string =>
    params.includes('=')
      ? params
          .split(/([&;])/)
          .map((part, i) => (i % 2 ? part : redactPair(part, depth)))
          .join('')
      : params;

  /** A path: secret-looking segments and secret matrix parameters (`;jsessionid=…`). */
  const redactPath = (path: string, depth: number): string =>
    byName
      ? path
          .split('/')
          .map((segment) => {
            const semi = segment.indexOf(';');
            const head = semi >= 0 ? segment.slice(0, semi) : segment;
            const kept = SECRET_VALUE.test(head) ? REDACTED : head;
            return semi >= 0 ? `${kept};${redactParams(segment.slice(semi + 1), depth)}` : kept;
          })
          .join('/')
      : path;

  /** A fragment is parameters (`#access_token=…&state=/a?b=1`) when a `=` comes before any `?`, else a route. */
  const redactFragment = (fragment: string, depth: number): string => {
    const eq = fragment.indexOf('=');
    const question = fragment.indexOf('?');
    return eq >= 0 && (question < 0 || eq < question) ? redactParams(fragment, depth) : redactAny(fragment, depth);
  };

  /** A URL, a relative reference, a route or a bare `a=1&b=2`. */
  function redactAny(input: string, depth: number): string {
    let out = withoutUserInfo(input);
    const hash = out.indexOf('#');
    const fragment = hash >= 0 ? out.slice(hash + 1) : undefined;
    if (hash >= 0) out = out.slice(0, hash);
    const question = out.indexOf('?');
    let path = question >= 0 ? out.slice(0, question) : out;
    const query = question >= 0 ? out.slice(question + 1) : undefined;
    // `token=abc` alone in text is a parameter list, not a path.
    if (query === undefined && fragment === undefined && !/[/:]/.test(path) && path.includes('=')) return redactParams(path, depth);
    // The authority (`https://host:port`) is not a path: it is never a secret segment.
    const authority = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/]*/i.exec(path)?.[0] ?? '';
    path = `${authority}${redactPath(path.slice(authority.length), depth)}`;
    let result = query === undefined ? path : `${path}?${redactParams(query, depth)}`;
    if (fragment !== undefined) result = `${result}#${redactFragment(fragment, depth)}`;
    return result;
  }

  const redactUrl = remembered((url: string) => redactAny(url, 0));
  const redactText = remembered((text: string): string => text.replace(TOKEN, (token) => (URL_MARK.test(token) ? redactUrl(token) : token)));
  const redact = ((url: string): string => (mayHoldSecret(url) ? redactUrl(url) : url)) as UrlRedactor;
  redact.params = (query) => (typeof query === 'string' ? redactParams(query, 0) : query);
  redact.fragment = (fragment) => (typeof fragment === 'string' ? redactFragment(fragment, 0) : fragment);
  redact.text = (text) => (mayHoldSecret(text) ? redactText(text) : text);
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
