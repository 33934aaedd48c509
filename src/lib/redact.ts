/** Query parameter names whose values are replaced by `REDACTED` by default (matched case-insensitively, also as `x_token`, `apiKey`). */
export const DEFAULT_SECRET_PARAMS = [
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'passwd',
  'secret',
  'client_secret',
  'key',
  'api_key',
  'apikey',
  'auth',
  'authorization',
  'session',
  'sessionid',
  'code',
  'signature',
  'sig',
  'credential',
];

export const REDACTED = 'REDACTED';

/** Builds a URL redactor: secret-looking query values become `REDACTED`, user info is stripped. */
export function createUrlRedactor(secretParams: string[] = DEFAULT_SECRET_PARAMS): (url: string) => string {
  const names = secretParams.map((name) => name.toLowerCase().replace(/[-_]/g, ''));
  const isSecret = (param: string): boolean => {
    const normalised = param.toLowerCase().replace(/[-_]/g, '');
    return names.some((name) => normalised === name || normalised.endsWith(name));
  };
  return (url) => {
    if (typeof url !== 'string' || (!url.includes('?') && !url.includes('@'))) return url;
    try {
      const parsed = new URL(url);
      let changed = false;
      if (parsed.username || parsed.password) {
        parsed.username = '';
        parsed.password = '';
        changed = true;
      }
      for (const name of new Set(parsed.searchParams.keys())) {
        if (isSecret(name)) {
          parsed.searchParams.set(name, REDACTED);
          changed = true;
        }
      }
      return changed ? parsed.href : url;
    } catch {
      return url;
    }
  };
}
