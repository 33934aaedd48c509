import { apply } from '../lib/natives';
import { parseRetryAfter } from './retry';

/** What one export request came back with. `status` is 0 when the network failed (or the browser refused). */
export interface SendResult {
  status: number;
  /** The wait the collector asked for with `Retry-After`, in ms, when it could be read. */
  retryAfterMs?: number;
}

export interface SendOptions {
  /** Let the request outlive the page (bodies of all keepalive requests in flight share 64 KiB). */
  keepalive?: boolean;
  /** The body is gzip-compressed: sends `Content-Encoding: gzip`. */
  gzip?: boolean;
  /** Asked when a keepalive request fails: whether it goes again at once as a plain one (default: yes). */
  resend?: () => boolean;
}

/** Sends one OTLP/HTTP body. Never rejects. */
export type Transport = (body: string | Uint8Array, options?: SendOptions) => Promise<SendResult>;

/**
 * A `fetch` that the SDK's own instrumentation does not wrap: export requests must never be traced,
 * or every export would create spans that need exporting. Wrappers installed with shimmer (as the
 * OpenTelemetry instrumentations do) keep the original under `__original`.
 */
export function unwrappedFetch(win: typeof globalThis): typeof fetch | undefined {
  let candidate = win.fetch as (typeof fetch & { __original?: typeof fetch }) | undefined;
  while (candidate && candidate.__original) candidate = candidate.__original as typeof candidate;
  return candidate?.bind(win);
}

/**
 * Lets go of a response whose body nobody reads. Chromium counts a keepalive request against the
 * document's 64 KiB budget until its response body is read, cancelled or garbage-collected, not until
 * the response arrives: measured, after two unread 30 KB exports every later keepalive request was
 * refused (each export then went twice, refused and again as a plain request), and so were the page-hide
 * flush's, until a garbage collection happened to free them.
 */
function release(response: Response): void {
  try {
    response.body?.cancel().catch(() => undefined);
  } catch {
    // A body the page's code made uncancellable: garbage collection frees it later.
  }
}

/**
 * POSTs OTLP JSON to the endpoint without cookies or other credentials (`credentials: 'omit'`), so a
 * collector on another origin needs no `Access-Control-Allow-Credentials` and gets no user data.
 */
export function createFetchTransport(endpoint: string, headers: Record<string, string>, fetchImpl: typeof fetch | undefined): Transport {
  const post = async (body: string | Uint8Array, gzip: boolean, keepalive: boolean): Promise<SendResult> => {
    const response = await fetchImpl!(endpoint, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', ...(gzip && { 'Content-Encoding': 'gzip' }) },
      body: body as BodyInit,
      credentials: 'omit',
      keepalive,
    });
    const result = { status: response.status, retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), Date.now()) };
    release(response);
    return result;
  };
  return async (body, options) => {
    if (!fetchImpl) return { status: 0 };
    const gzip = options?.gzip === true;
    try {
      return await post(body, gzip, options?.keepalive === true);
    } catch {
      // The keepalive budget (64 KiB in flight) is shared by every page of the origin in one renderer:
      // with two tabs of a site open, Chromium refuses a keepalive request that fits our own share, and
      // the refusal looks like a network failure. Treated as one, it sent the batch into retry backoff and
      // held up every span behind it for seconds. So a refused keepalive request goes again at once as a
      // plain one (unless the caller says otherwise); only a failure of that is a failure.
      if (!options?.keepalive || options.resend?.() === false) return { status: 0 };
      try {
        return await post(body, gzip, false);
      } catch {
        return { status: 0 };
      }
    }
  };
}

/**
 * The last resort where `fetch` cannot do `keepalive`: `navigator.sendBeacon`, for an endpoint on the
 * page's own origin only. A beacon always carries cookies (it has no `credentials: 'omit'`), so to another
 * origin it would hand the user's cookies to the collector and need `Access-Control-Allow-Credentials`
 * there; and it cannot set headers: the type comes from the Blob, and `application/json` is not a
 * CORS-safelisted type (older browsers even throw on it), while the Collector refuses `text/plain`.
 * `false` means "not sent"; the caller then stores the batch. Beacons share the keepalive 64 KiB budget.
 */
export function sendBeacon(win: typeof globalThis, endpoint: string, body: string): boolean {
  try {
    const nav = win.navigator as Navigator | undefined;
    // The native one, captured when delivery first looked (before page code could wrap it), where it was.
    const beacon = beacons.get(win) ?? captureBeacon(win);
    if (!beacon || new URL(endpoint).origin !== win.location?.origin) return false;
    return apply(beacon, nav, [endpoint, new Blob([body], { type: 'application/json' })]) as boolean;
  } catch {
    return false;
  }
}

const beacons = new WeakMap<typeof globalThis, Navigator['sendBeacon']>();

/**
 * Remembers the page's `navigator.sendBeacon` as it is now (at init, before the page can replace it).
 * The first capture for a window stays: delivery, built after init, must not take the page's later one.
 */
export function captureBeacon(win: typeof globalThis): Navigator['sendBeacon'] | undefined {
  if (beacons.has(win)) return beacons.get(win);
  try {
    const beacon = (win.navigator as Navigator | undefined)?.sendBeacon;
    if (typeof beacon === 'function') beacons.set(win, beacon);
    return typeof beacon === 'function' ? beacon : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this browser's `fetch` understands `keepalive` (where it does not, beacons stand in on page hide). */
export function supportsKeepalive(win: typeof globalThis): boolean {
  try {
    return typeof win.Request === 'function' && 'keepalive' in win.Request.prototype;
  } catch {
    return false;
  }
}
