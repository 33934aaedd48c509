/** Parses `url` (against `base`, if given), or returns undefined: page code passes all kinds of things to fetch. */
export function parseUrl(url: string, base?: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}
