import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_URL_FULL } from '../../lib/semconv';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_REQUEST_METHOD_ORIGINAL, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from './semconv';
import { parseUrl } from '../../lib/url';
import { useResourceTimings, type ResourceTimings } from '../resource-timing/resource-timing';
import { SDK_VERSION } from '../../sdk/version';
import type { SdkContext } from '../types';
import { fromServerTimingEntries, fromServerTimingHeader, linkToServerSpan } from './server-timing';

// The scope names upstream's instrumentations used: kept so that queries, dashboards and the open
// request spans bookkeeping (export/open-spans.ts) keep finding these spans.
export const FETCH_SCOPE = '@opentelemetry/instrumentation-fetch';
export const XHR_SCOPE = '@opentelemetry/instrumentation-xml-http-request';

const KNOWN_METHODS = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE', 'QUERY']);

// The network timing events upstream records (sdk-trace-web's PerformanceTimingNames), in order.
export const NETWORK_EVENTS = [
  'fetchStart',
  'domainLookupStart',
  'domainLookupEnd',
  'connectStart',
  'secureConnectionStart',
  'connectEnd',
  'requestStart',
  'responseStart',
  'responseEnd',
] as const;

/**
 * How long a span whose response did not let us read `Server-Timing` (a CORS response that does not
 * expose it) waits for the resource timing entry, where the browser may still show it. The span's end
 * time stays that of the response; only its export waits.
 */
export const SERVER_TIMING_WAIT_MS = 250;

/** One traced request, from start to end. */
export interface RequestSpan {
  readonly span: Span;
  /** The context with the span active: the request runs in it, and trace headers come from it. */
  readonly context: Context;
  readonly url: string;
  /** performance.now() when the request started: its resource entry starts at or after this. */
  readonly since: number;
}

/** What the fetch and XHR instrumentations share. */
export interface HttpSpans {
  /** Starts a CLIENT span for a request to the absolute `url`, in the active context. */
  start(method: string, url: string): RequestSpan;
  /** The trace headers for the request (empty without consent); only call where the policy allows it. */
  headers(request: RequestSpan): Record<string, string>;
  /**
   * Ends the span at the response (at `endTime`, performance.now() ms, default now). `header` reads
   * `Server-Timing`: a string or null when read, undefined when the page may not read it (then the
   * resource entry is waited for, briefly).
   */
  respond(request: RequestSpan, status: number, responseUrl: string, header: string | null | undefined, endTime?: number): void;
  /** Ends the span for a request that got no response (network failure, abort, timeout). */
  fail(request: RequestSpan, name: string, message?: string): void;
}

/**
 * The request spans of one instrumentation's scope, built by the first request instead of in `init()`
 * (compiling them is init time the page would wait for), with a reference to the window's shared
 * resource timings. Returns the getter and the teardown's release.
 */
export function lazyHttpSpans(
  { tracerProvider, window: win, timers }: Pick<SdkContext, 'tracerProvider' | 'window' | 'timers'>,
  scope: string,
  networkEvents: boolean,
): [() => HttpSpans, () => void] {
  let spans: HttpSpans | undefined;
  let release: (() => void) | undefined;
  const get = (): HttpSpans => {
    if (!spans) {
      const [timings, releaseTimings] = useResourceTimings(win, timers);
      release = releaseTimings;
      spans = createHttpSpans(tracerProvider.getTracer(scope, SDK_VERSION), timings, networkEvents, () => win.performance.now());
    }
    return spans;
  };
  return [get, () => release?.()];
}

export function createHttpSpans(tracer: Tracer, timings: ResourceTimings, networkEvents: boolean, now: () => number): HttpSpans {
  const addTiming = (span: Span, entry: PerformanceResourceTiming | undefined, link: boolean): void => {
    if (!entry) return;
    if (link) linkToServerSpan(span, fromServerTimingEntries(entry.serverTiming));
    if (!networkEvents) return;
    // A zero means "not measured" (cross-origin without Timing-Allow-Origin, a reused connection).
    for (const name of NETWORK_EVENTS) if (entry[name]) span.addEvent(name, entry[name]);
  };

  return {
    start(method, url) {
      const normalized = method.toUpperCase();
      const known = KNOWN_METHODS.has(normalized) ? normalized : '_OTHER';
      const attributes: Record<string, string | number> = { [ATTR_HTTP_REQUEST_METHOD]: known, [ATTR_URL_FULL]: url };
      if (known !== method) attributes[ATTR_HTTP_REQUEST_METHOD_ORIGINAL] = method;
      const parsed = parseUrl(url);
      if (parsed) {
        attributes[ATTR_SERVER_ADDRESS] = parsed.hostname;
        // URL drops a scheme's default port, so this is set only where it is not the default.
        if (parsed.port) attributes[ATTR_SERVER_PORT] = Number(parsed.port);
      }
      const parent = context.active();
      const span = tracer.startSpan(known, { kind: SpanKind.CLIENT, attributes }, parent);
      return { span, context: trace.setSpan(parent, span), url, since: now() };
    },

    headers(request) {
      const carrier: Record<string, string> = {};
      // Through the registered propagator, so consent and the baggage option apply.
      propagation.inject(request.context, carrier);
      return carrier;
    },

    respond({ span, url, since }, status, responseUrl, header, endTime = now()) {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      if (status >= 400) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute(ATTR_ERROR_TYPE, String(status));
      }
      // Read from the header when we may: it belongs to exactly this response.
      if (header !== undefined) linkToServerSpan(span, fromServerTimingHeader(header));
      const wanted = span.isRecording() && (networkEvents || header === undefined);
      const entry = wanted ? (timings.find(url, since) ?? (responseUrl && responseUrl !== url ? timings.find(responseUrl, since) : undefined)) : undefined;
      if (entry || header !== undefined || !span.isRecording()) {
        addTiming(span, entry, header === undefined);
        span.end(endTime);
        return;
      }
      // A CORS response that hides its headers: Server-Timing may still be in the resource entry
      // (with Timing-Allow-Origin), which the browser records a moment later, named by the request URL
      // (not the URL after redirects).
      timings.wait(url, since, SERVER_TIMING_WAIT_MS, (late) => {
        addTiming(span, late, true);
        span.end(endTime);
      });
    },

    fail({ span }, name, message) {
      span.setStatus({ code: SpanStatusCode.ERROR, message });
      span.setAttribute(ATTR_ERROR_TYPE, name || 'Error');
      span.end();
    },
  };
}
