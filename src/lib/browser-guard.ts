import { NOOP_HANDLE, type OtelBrowserHandle } from '../sdk/handle';
import { createLogger } from './logger';

let told = false;

/**
 * Whether there is a page to trace. Frameworks that render on the server (Next.js, Nuxt, SvelteKit,
 * Remix) run client modules in Node too, where `init()` must do nothing rather than fail.
 */
export function isBrowserPage(host: { document?: unknown; location?: unknown }): boolean {
  return typeof host.document == 'object' && typeof host.location == 'object';
}

/**
 * The handle for a server render: does nothing. Says so in one short line, once per process (a server
 * renders many times, and a stack trace would help nobody); short, as the script-tag bundle carries it.
 */
export function notInBrowser(): OtelBrowserHandle {
  if (!told) createLogger(false).warn('not a browser: init() does nothing here.');
  told = true;
  return NOOP_HANDLE;
}
