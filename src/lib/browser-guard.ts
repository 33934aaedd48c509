import { LOG_PREFIX } from './logger';

let told = false;

/**
 * Whether there is a page to trace. Frameworks that render on the server (Next.js, Nuxt, SvelteKit,
 * Remix) run client modules in Node too, where `init()` must do nothing rather than fail.
 */
export function isBrowserPage(host: { document?: unknown; location?: unknown }): boolean {
  return typeof host.document === 'object' && host.document !== null && typeof host.location === 'object' && host.location !== null;
}

/** One short line, once per process: a server renders many times, and a stack trace would help nobody. */
export function reportNotABrowser(): void {
  if (told) return;
  told = true;
  try {
    console.warn(`${LOG_PREFIX} not a browser (no document or location): init() does nothing here and the SDK is off.`);
  } catch {
    // A replaced console must not make init() throw.
  }
}
