/** Parses `url` against `base`, or returns undefined: page code passes all kinds of things to fetch. */
export function parseUrl(url: string, base: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}
