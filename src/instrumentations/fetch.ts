import { context } from '@opentelemetry/api';
import { SDK_VERSION } from '../version';
import { parseUrl } from '../lib/url';
import { createHttpSpans, FETCH_SCOPE, type RequestSpan } from './http-span';
import { useResourceTimings } from './resource-timing';
import type { BrowserInstrumentation } from './types';

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
  setup({ tracerProvider, policy, window: win, timers }, options) {
    const original = win.fetch;
    if (typeof original !== 'function') return;
    const [timings, release] = useResourceTimings(win, timers);
    const now = () => win.performance.now();
    const spans = createHttpSpans(tracerProvider.getTracer(FETCH_SCOPE, SDK_VERSION), timings, options.networkEvents !== false, now);
    const base = () => win.document?.baseURI || win.location.href;

    /** The traced request and the arguments to call the original with, or undefined to just pass through. */
    const begin = (input: RequestInfo | URL, init: RequestInit | undefined): [RequestSpan, RequestInfo | URL, RequestInit | undefined] | undefined => {
      const request = isRequest(input) ? input : undefined;
      const url = parseUrl(request ? request.url : String(input), base())?.href;
      // Not a URL: fetch itself will reject; the call goes through untraced.
      if (!url || policy.isIgnored(url)) return undefined;
      const traced = spans.start(init?.method ?? request?.method ?? 'GET', url);
      if (!policy.shouldPropagate(url)) return [traced, input, init];
      const carrier = spans.headers(traced);
      const keys = Object.keys(carrier);
      if (!keys.length) return [traced, input, init];
      // Headers go in a copy passed as `init`: the page's Request and init objects stay untouched, and
      // fetch(request, { headers }) keeps the rest of the Request (body, mode, credentials, signal),
      // except its referrer and referrer policy, which a non-empty init resets: those are passed on.
      const headers = new win.Headers(init?.headers ?? request?.headers);
      for (const key of keys) headers.set(key, carrier[key]);
      const kept = request ? { referrer: request.referrer, referrerPolicy: request.referrerPolicy } : undefined;
      return [traced, input, { ...kept, ...init, headers }];
    };

    // A Request made in another frame is not an instance of this window's Request.
    const isRequest = (input: unknown): input is Request =>
      input instanceof win.Request || (typeof input === 'object' && input !== null && typeof (input as Request).url === 'string' && typeof (input as Request).method === 'string');

    function tracedFetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      let started: ReturnType<typeof begin>;
      try {
        started = begin(input, init);
      } catch {
        started = undefined; // Our bug, or input fetch itself will reject: either way, the page's call goes through.
      }
      // eslint-disable-next-line prefer-rest-params
      if (!started) return original.apply(this, arguments as unknown as Parameters<Fetch>);
      const [traced, args0, args1] = started;
      let pending: Promise<Response>;
      try {
        pending = context.with(traced.context, () => original.call(this, args0, args1));
      } catch (error) {
        spans.fail(traced, (error as Error)?.name, (error as Error)?.message);
        throw error;
      }
      // The page gets the original promise; ending the span is a side branch that swallows nothing.
      pending.then(
        (response) => {
          const endTime = now();
          // The page's own reaction to this response was queued together with this one: ending the span
          // (and, now and then, encoding and sending a batch) in a microtask after it keeps that work out
          // of the way of the page's code; it runs while the page waits for the body.
          const finish = (): void => {
            try {
              // Only a same-origin ('basic') response lets us read every header; a CORS one may hide Server-Timing.
              const header = response.type === 'cors' ? (response.headers.get('server-timing') ?? undefined) : response.headers.get('server-timing');
              spans.respond(traced, response.status, response.url, header, endTime);
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
            spans.fail(traced, (error as Error)?.name, (error as Error)?.message);
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
