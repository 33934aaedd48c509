import { context } from '@opentelemetry/api';
import { SDK_VERSION } from '../version';
import { parseUrl } from '../lib/url';
import { createHttpSpans, XHR_SCOPE } from './http-span';
import { useResourceTimings } from './resource-timing';
import type { BrowserInstrumentation } from './types';

type Open = XMLHttpRequest['open'];
type Send = XMLHttpRequest['send'];

// The DOMException names the browser uses for these outcomes (a sync XHR throws them).
const FAILURES: Record<string, string> = { error: 'NetworkError', abort: 'AbortError', timeout: 'TimeoutError' };
const EVENTS = ['error', 'abort', 'timeout', 'loadend'];

// getAllResponseHeaders lists only the headers the page may read; getResponseHeader would log a
// console error for one that CORS hides.
const SERVER_TIMING = /^server-timing:\s*(.*)$/im;

/**
 * `XMLHttpRequest` calls as CLIENT spans, with `traceparent` only where the request policy allows it.
 * `open` and `send` are wrapped on the prototype; the span starts in `send` and ends at `loadend`
 * (sync requests included), with the network timing events when the resource entry is already there.
 */
export const xhrInstrumentation: BrowserInstrumentation<'xhr'> = {
  name: 'xhr',
  setup({ tracerProvider, policy, window: win, timers }, options) {
    const proto = win.XMLHttpRequest?.prototype;
    if (!proto) return;
    const [timings, release] = useResourceTimings(win, timers);
    const spans = createHttpSpans(tracerProvider.getTracer(XHR_SCOPE, SDK_VERSION), timings, options.networkEvents !== false, () => win.performance.now());
    const opened = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
    const originalOpen = proto.open;
    const originalSend = proto.send;

    function open(this: XMLHttpRequest, method: string, url: string | URL) {
      const href = parseUrl(String(url), win.document?.baseURI || win.location.href)?.href;
      // No href: the original open throws for this URL too.
      if (href) opened.set(this, { method: String(method), url: href });
      else opened.delete(this);
      // eslint-disable-next-line prefer-rest-params
      return originalOpen.apply(this, arguments as unknown as Parameters<Open>);
    }

    function send(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      const request = opened.get(this);
      let traced: ReturnType<typeof spans.start> | undefined;
      try {
        if (request && !policy.isIgnored(request.url)) {
          traced = spans.start(request.method, request.url);
          if (policy.shouldPropagate(request.url)) {
            const carrier = spans.headers(traced);
            for (const key in carrier) this.setRequestHeader(key, carrier[key]);
          }
          listen(this, traced);
        }
      } catch {
        // Never let tracing break the request.
      }
      if (!traced) return originalSend.call(this, body);
      return context.with(traced.context, () => originalSend.call(this, body));
    }

    function listen(xhr: XMLHttpRequest, traced: ReturnType<typeof spans.start>): void {
      let failure: string | undefined;
      const onEvent = (event: Event) => {
        if (event.type !== 'loadend') {
          failure = FAILURES[event.type];
          return;
        }
        for (const type of EVENTS) xhr.removeEventListener(type, onEvent);
        try {
          if (failure || !xhr.status) return spans.fail(traced, failure ?? 'NetworkError');
          const responseUrl = xhr.responseURL || traced.url;
          const sameOrigin = parseUrl(responseUrl)?.origin === win.location.origin;
          // Cross-origin, asking for a header the response does not expose logs a console error: the
          // exposed ones are read all at once instead. And there, absent means unknown (it may be hidden).
          const header = sameOrigin ? xhr.getResponseHeader('server-timing') : (SERVER_TIMING.exec(xhr.getAllResponseHeaders())?.[1] ?? undefined);
          spans.respond(traced, xhr.status, responseUrl, header);
        } catch {
          traced.span.end();
        }
      };
      for (const type of EVENTS) xhr.addEventListener(type, onEvent);
    }

    proto.open = open as Open;
    proto.send = send as Send;
    return () => {
      // Only put the originals back where nobody wrapped them after us.
      if (proto.open === (open as Open)) proto.open = originalOpen;
      if (proto.send === (send as Send)) proto.send = originalSend;
      release();
    };
  },
};
