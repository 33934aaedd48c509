import { context } from '@opentelemetry/api';
import { apply, ownKeys } from '../../lib/natives';
import { parseUrl } from '../../lib/url';
import { lazyHttpSpans, XHR_SCOPE, type RequestSpan } from '../http/http-span';
import type { BrowserInstrumentation } from '../types';

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
  setup(sdk, options) {
    const { policy, window: win } = sdk;
    const proto = win.XMLHttpRequest?.prototype;
    if (!proto) return;
    const [spans, release] = lazyHttpSpans(sdk, XHR_SCOPE, options.networkEvents !== false);
    const opened = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
    // Requests whose page set its own traceparent since open(): the page's header wins (one valid header).
    const ownHeader = new WeakSet<XMLHttpRequest>();
    // Requests sent since their last open(): a second send() throws natively, and starts no span.
    const sent = new WeakSet<XMLHttpRequest>();
    const originalOpen = proto.open;
    const originalSend = proto.send;
    const originalSetHeader = proto.setRequestHeader;

    function open(this: XMLHttpRequest, method: string, url: string | URL) {
      const args: unknown[] = [];
      // eslint-disable-next-line prefer-rest-params
      for (let i = 0; i < arguments.length; i++) args[i] = arguments[i];
      // An object URL is stringified once, here: the URL recorded (and the header decision) is the URL opened.
      if (args.length > 1 && (typeof url === 'object' || typeof url === 'function') && url !== null) args[1] = String(url);
      // Recorded only once the native open succeeded: an open that throws leaves the previous state.
      const result = apply(originalOpen, this, args);
      try {
        ownHeader.delete(this);
        sent.delete(this);
        const href = parseUrl(String(args[1]), win.document?.baseURI || win.location.href)?.href;
        if (href) opened.set(this, { method: String(method), url: href });
        else opened.delete(this);
      } catch {
        opened.delete(this);
      }
      return result;
    }

    function setRequestHeader(this: XMLHttpRequest, name: string, _value: string) {
      // eslint-disable-next-line prefer-rest-params
      const result = apply(originalSetHeader, this, arguments as unknown as unknown[]);
      if (typeof name === 'string' && name.toLowerCase() === 'traceparent') ownHeader.add(this);
      return result;
    }

    function send(this: XMLHttpRequest, _body?: Document | XMLHttpRequestBodyInit | null) {
      const request = opened.get(this);
      let traced: RequestSpan | undefined;
      let stop: ((error?: unknown) => void) | undefined;
      try {
        // Not OPENED: the native send throws, and no span starts.
        if (request && this.readyState === 1 && !sent.has(this) && !policy.isIgnored(request.url)) {
          traced = spans().start(request.method, request.url);
          stop = listen(this, traced);
          if (policy.shouldPropagate(request.url) && !ownHeader.has(this)) {
            const carrier = spans().headers(traced);
            for (const key of ownKeys(carrier)) apply(originalSetHeader, this, [key, carrier[key]]);
          }
        }
      } catch {
        // Never let tracing break the request (a send already under way makes setRequestHeader throw: send throws next).
      }
      // eslint-disable-next-line prefer-rest-params
      const args = arguments as unknown as unknown[];
      if (!traced) return apply(originalSend, this, args);
      try {
        sent.add(this);
        return context.with(traced.context, () => apply(originalSend, this, args));
      } catch (error) {
        // send() called twice, or a sync request that failed: the span ends now, with the error.
        stop?.(error);
        throw error;
      }
    }

    /** Ends the span at `loadend`; the function returned ends it at once with an error (if not ended yet). */
    function listen(xhr: XMLHttpRequest, traced: RequestSpan): (error?: unknown) => void {
      let failure: string | undefined;
      let done = false;
      const detach = () => {
        done = true;
        for (const type of EVENTS) xhr.removeEventListener(type, onEvent);
      };
      const onEvent = (event: Event) => {
        if (event.type !== 'loadend') {
          failure = FAILURES[event.type];
          return;
        }
        detach();
        try {
          if (failure || !xhr.status) return spans().fail(traced, failure ?? 'NetworkError');
          const responseUrl = xhr.responseURL || traced.url;
          const sameOrigin = parseUrl(responseUrl)?.origin === win.location.origin;
          // Cross-origin, asking for a header the response does not expose logs a console error: the
          // exposed ones are read all at once instead. And there, absent means unknown (it may be hidden).
          const header = sameOrigin ? xhr.getResponseHeader('server-timing') : (SERVER_TIMING.exec(xhr.getAllResponseHeaders())?.[1] ?? undefined);
          spans().respond(traced, xhr.status, responseUrl, header);
        } catch {
          traced.span.end();
        }
      };
      for (const type of EVENTS) xhr.addEventListener(type, onEvent);
      return (error) => {
        if (done) return;
        detach();
        try {
          spans().fail(traced, (error as Error)?.name ?? 'Error', (error as Error)?.message);
        } catch {
          traced.span.end();
        }
      };
    }

    proto.open = open as Open;
    proto.send = send as Send;
    proto.setRequestHeader = setRequestHeader;
    return () => {
      // Only put the originals back where nobody wrapped them after us.
      if (proto.open === (open as Open)) proto.open = originalOpen;
      if (proto.send === (send as Send)) proto.send = originalSend;
      if (proto.setRequestHeader === setRequestHeader) proto.setRequestHeader = originalSetHeader;
      release();
    };
  },
};
