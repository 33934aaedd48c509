import { context } from '@opentelemetry/api';
import { apply } from '../../lib/natives';
import { parseUrl } from '../../lib/url';
import { FETCH_SCOPE, lazyHttpSpans, type RequestSpan } from '../http/http-span';
import type { BrowserInstrumentation } from '../types';

type Fetch = typeof fetch;

/**
 * `fetch()` calls as CLIENT spans, with `traceparent` only where the request policy allows it.
 *
 * The span ends when the fetch promise settles (the response headers are in), without touching the
 * body: nothing is cloned or read, and no timer or observer is created per request. Network timing
 * events are added only when the browser already has the request's resource entry at that moment,
 * which for fetch is rare (the entry is recorded once the body is read); the span's duration is the
 * time to the response headers.
 */
export const fetchInstrumentation: BrowserInstrumentation<'fetch'> = {
  name: 'fetch',
  setup(sdk, options) {
    const { policy, window: win } = sdk;
    const original = win.fetch;
    if (typeof original !== 'function') return;
    const [spans, release] = lazyHttpSpans(sdk, FETCH_SCOPE, options.networkEvents !== false);
    const base = () => win.document?.baseURI || win.location.href;

    /**
     * Starts the span and returns the arguments to call the original with. `target` is the input already
     * stringified (once: a `{ toString }` input must not name one URL to the header decision and another
     * to the request). Where the page's own arguments would make fetch reject (a non-object `init`, headers
     * that are not valid), the span ends at once with an error and the page's arguments go through
     * unchanged, so the rejection is the browser's own.
     */
    const begin = (target: Request | string, init: RequestInit | undefined): [RequestSpan, RequestInfo, RequestInit | undefined] | undefined => {
      const request = typeof target === 'string' ? undefined : target;
      const url = parseUrl(request ? request.url : (target as string), base())?.href;
      // Not a URL: fetch itself will reject; the call goes through untraced.
      if (!url || policy.isIgnored(url)) return undefined;
      const usable = init == null || typeof init === 'object' || typeof init === 'function';
      const traced = spans().start(String((usable ? init?.method : undefined) ?? request?.method ?? 'GET'), url);
      if (!usable || !policy.shouldPropagate(url)) return [traced, target, init];
      let headers: Headers;
      try {
        headers = new win.Headers(init?.headers ?? request?.headers);
      } catch (error) {
        // fetch will reject with the same TypeError: the span must not stay open until page hide.
        spans().fail(traced, (error as Error)?.name, (error as Error)?.message);
        return undefined;
      }
      // The page's own traceparent wins: one valid header per request, and the page chose its parent.
      if (headers.has('traceparent')) return [traced, target, init];
      const carrier = spans().headers(traced);
      const keys = Object.keys(carrier);
      if (!keys.length) return [traced, target, init];
      for (const key of keys) headers.set(key, carrier[key]);
      // Headers go in a new init object whose prototype is the page's init: fetch reads every other member
      // (inherited and getters included) from the page's object, which stays untouched, as does a Request.
      // fetch(request, { headers }) keeps the rest of the Request (body, mode, credentials, signal), except
      // its referrer and referrer policy, which a non-empty init resets: those are passed on.
      const options = Object.create(init ?? null) as RequestInit;
      if (request && init?.referrer === undefined) options.referrer = request.referrer;
      if (request && init?.referrerPolicy === undefined) options.referrerPolicy = request.referrerPolicy;
      options.headers = headers;
      return [traced, target, options];
    };

    // A Request made in another frame is not an instance of this window's Request.
    const isRequest = (input: unknown): input is Request =>
      input instanceof win.Request ||
      (typeof input === 'object' && input !== null && typeof (input as Request).url === 'string' && typeof (input as Request).method === 'string');

    function tracedFetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      // Copied by hand: the page may have replaced Array.prototype methods.
      const args: unknown[] = [];
      // eslint-disable-next-line prefer-rest-params
      for (let i = 0; i < arguments.length; i++) args[i] = arguments[i];
      // fetch() without arguments: the browser's own TypeError.
      if (!args.length) return apply(original, this, args);
      let target: Request | string;
      try {
        target = isRequest(input) ? input : String(input);
      } catch (error) {
        // A throwing toString: fetch rejects with that error (it does not throw).
        return win.Promise.reject(error);
      }
      args[0] = target;
      let started: ReturnType<typeof begin>;
      try {
        started = begin(target, init);
      } catch {
        started = undefined; // Our bug: the page's call goes through untraced.
      }
      if (!started) return apply(original, this, args);
      const [traced, args0, args1] = started;
      args[0] = args0;
      if (args.length > 1 || args1 !== undefined) args[1] = args1;
      let pending: Promise<Response>;
      try {
        pending = context.with(traced.context, () => apply(original, this, args));
      } catch (error) {
        spans().fail(traced, (error as Error)?.name, (error as Error)?.message);
        throw error;
      }
      // The page gets the original promise; ending the span is a side branch that swallows nothing.
      pending.then(
        (response) => {
          const endTime = win.performance.now();
          // The page's own reaction to this response was queued together with this one: ending the span
          // (and, now and then, encoding and sending a batch) in a microtask after it keeps that work out
          // of the way of the page's code; it runs while the page waits for the body.
          const finish = (): void => {
            try {
              // Only a same-origin ('basic') response lets us read every header; a CORS one may hide Server-Timing.
              const header = response.type === 'cors' ? (response.headers.get('server-timing') ?? undefined) : response.headers.get('server-timing');
              spans().respond(traced, response.status, response.url, header, endTime);
            } catch {
              traced.span.end();
            }
          };
          // A throw here would reject this side branch and reach the page as an unhandled rejection.
          try {
            queueMicrotask(finish);
          } catch {
            finish();
          }
        },
        (error: unknown) => {
          try {
            spans().fail(traced, (error as Error)?.name, (error as Error)?.message);
          } catch {
            traced.span.end();
          }
        },
      );
      return pending;
    }

    win.fetch = tracedFetch as Fetch;
    return () => {
      // Only put the original back if nobody wrapped fetch after us; otherwise we would drop their wrapper.
      if (win.fetch === (tracedFetch as Fetch)) win.fetch = original;
      release();
    };
  },
};
