import type { SpanProcessor } from '../trace/types';
// Every option `init()` takes, with its default, in one place. The values of the defaults live in
// defaults.ts; the rules that check them in the section files beside this one.
import type { Attributes } from '@opentelemetry/api';
import type { ConsentState } from '../privacy/consent';
import type { BeforeSend } from '../privacy/before-send';

/** A URL pattern: an origin (`https://api.example.com`), a URL prefix, or a RegExp tested against the full URL. */
export type UrlPattern = string | RegExp;

/**
 * Which context manager carries the active span:
 * - `'default'`: a plain stack plus the interaction's ambient context; needs no zone.js.
 * - `'zone'`: zone.js's zones carry contexts set with `context.with()` through timers, promise
 *   callbacks and event listeners; needs zone.js loaded before the SDK (Angular apps have it).
 *   zone.js cannot follow native `async`/`await`; the ambient context still covers interactions there.
 */
export type ContextManagerChoice = 'default' | 'zone';

/** Where the session is kept: `localStorage` (shared by the origin's tabs), `sessionStorage` (one tab), or `memory` (one page load). */
export type SessionStorageKind = 'localStorage' | 'sessionStorage' | 'memory';

/** Session options, `init({ session: {...} })`. */
export interface SessionOptions {
  /** A session ends after this long without user activity, in ms. @default 900000 (15 minutes) */
  idleTimeoutMs?: number;
  /** A session ends this long after it started, however active, in ms. @default 14400000 (4 hours) */
  maxAgeMs?: number;
  /** Where the session id is kept between page loads. @default 'localStorage' */
  storage?: SessionStorageKind;
  /**
   * The storage key. Apps on one origin share a session unless they use different keys.
   * @default 'otel-browser.session'
   */
  storageKey?: string;
}

/** How long and how often a failed export is tried again. */
export interface RetryOptions {
  /** First wait after a failure, in ms; doubles per attempt (with jitter). @default 1000 */
  initialDelayMs?: number;
  /** Longest single wait, in ms. @default 30000 */
  maxDelayMs?: number;
  /** Give up (and store the batch, see `persist`) once this long has passed since the first attempt, in ms. @default 60000 */
  maxElapsedMs?: number;
}

/** Where batches that could not be sent are kept until the next page load of the same origin. */
export interface PersistOptions {
  /** Bytes of stored batches at most; the oldest go first. @default 1000000 */
  maxBytes?: number;
  /** Stored batches older than this are discarded, in ms. @default 86400000 (one day) */
  maxAgeMs?: number;
}

/** The `export` option: how spans travel to the collector. Every field is optional. */
export interface ExportOptions {
  /** `'gzip'` compresses bodies with `CompressionStream` and sends `Content-Encoding: gzip`. @default 'none' */
  compression?: 'gzip' | 'none';
  /** Ended spans held in memory at most; beyond it new spans are dropped and counted. @default 2048 */
  maxQueueSize?: number;
  /** Estimated bytes of ended spans held in memory at most; beyond it new spans are dropped and counted. @default 1000000 */
  maxQueueBytes?: number;
  /** Spans per export request at most. @default 200 */
  maxBatchSize?: number;
  /** Bytes of one export request at most (before compression), 1000..60000: keeps requests within the keepalive budget. @default 30000 */
  maxBatchBytes?: number;
  /** How long ended spans wait for company before they are sent, in ms. @default 1000 */
  delayMs?: number;
  /** Retry failed exports (network error, 429, 502, 503, 504); `false` tries once. @default true */
  retry?: boolean | RetryOptions;
  /** Keep unsendable batches in IndexedDB (or localStorage) and send them on the next load; needs consent. @default true */
  persist?: boolean | PersistOptions;
}

/** How much one span may carry, `init({ attributeLimits: {...} })`. */
export interface AttributeLimits {
  /** Attributes per span (and per event) at most; later ones are dropped and counted. @default 128 */
  count: number;
  /** Characters per string value (also each string in an array, the span name and status message). @default 4096 */
  valueLength: number;
  /** Events per span at most; beyond it the oldest are dropped and counted. @default 128 */
  events: number;
}

/** Options of `instrumentations.fetch`. */
export interface FetchOptions {
  /** Add the request's resource-timing events (`fetchStart`, `responseEnd`, ...) to its span. @default true */
  networkEvents?: boolean;
}

/** Options of `instrumentations.xhr`. */
export interface XhrOptions {
  /** Add the request's resource-timing events (`fetchStart`, `responseEnd`, ...) to its span. @default true */
  networkEvents?: boolean;
}

/** Options of `instrumentations.documentLoad`. */
export interface DocumentLoadOptions {
  /** Add the page's resource-timing events (`fetchStart`, `responseEnd`, ...) to its span. @default true */
  networkEvents?: boolean;
  /** Add first paint and first contentful paint as span events. @default true */
  paintEvents?: boolean;
}

/** Options of `instrumentations.errors`: none yet (`true` or `{}` turns it on). */
export type ErrorsOptions = Record<never, never>;

/** Options of `instrumentations.webVitals`. */
export interface WebVitalsOptions {
  /** Report every change of a metric, not only its final value. @default false */
  reportAllChanges?: boolean;
}

/** Options of `instrumentations.longTasks`. */
export interface LongTasksOptions {
  /** Record only main-thread work longer than this, in ms (the browser reports nothing under 50). @default 50 */
  thresholdMs?: number;
  /**
   * `'long-animation-frame'` uses long animation frames where the browser has them (they name the
   * scripts that ran), else long tasks; `'longtask'` always uses long tasks. @default 'long-animation-frame'
   */
  entryType?: 'long-animation-frame' | 'longtask';
}

/** Options of `instrumentations.userInteraction`. */
export interface UserInteractionOptions {
  /**
   * DOM events that start an interaction span, listened to on `window` in the capture phase (so
   * delegated handlers on a framework's root see the span too). `keydown` counts only for Enter (add it
   * to trace Enter in fields that act without a form). @default ['click', 'submit']
   */
  events?: string[];
  /** The span ends once requests it caused are done and the page stayed idle this many ms. @default 500 */
  idleMs?: number;
  /** The span ends at the latest this many ms after the event. @default 10000 */
  maxDurationMs?: number;
  /**
   * Names the target in the span name instead of the built-in label (`"Add to cart"`, `button#checkout`).
   * Return `undefined` to keep the built-in one. Keep the result short and low-cardinality.
   * @default undefined
   */
  targetLabel?: (element: Element, event: Event) => string | undefined;
  /**
   * Whether a button's or link's visible text may name the target (`click "Add to cart"`), with runs of
   * digits and e-mail addresses masked and at most 40 characters. Off by default, since such text can be
   * personal (a link showing the user's name): names then come from `data-otel-name`, `id`, `name`,
   * `aria-label` (masked the same way), `role` or the tag. Form control values and `<option>` text are
   * never used. @default false
   */
  text?: boolean;
}

/** Options of `instrumentations.navigation`. */
export interface NavigationOptions {
  /**
   * Maps a URL to its route template (`/product/:id`), used in the span name and as `route.template`.
   * Return `undefined` to use the built-in name (the path with id-like segments replaced by `:id`).
   * @default undefined
   */
  routeTemplate?: (url: URL) => string | undefined;
  /** The route-change span ends once the requests of the new view are done and the page stayed idle this many ms. @default 1000 */
  idleMs?: number;
  /** The route-change span ends at the latest this many ms after the change. @default 15000 */
  maxDurationMs?: number;
}

/** Each built-in instrumentation's options, by name. */
export interface InstrumentationOptions {
  fetch: FetchOptions;
  xhr: XhrOptions;
  documentLoad: DocumentLoadOptions;
  userInteraction: UserInteractionOptions;
  navigation: NavigationOptions;
  errors: ErrorsOptions;
  webVitals: WebVitalsOptions;
  longTasks: LongTasksOptions;
}

/** Names of the built-in instrumentations, as used in {@link Config.instrumentations}. */
export type InstrumentationName = keyof InstrumentationOptions;

/** Each instrumentation takes `true`/`false` or its options object (which means enabled). */
export type InstrumentationSetting<N extends InstrumentationName = InstrumentationName> = boolean | InstrumentationOptions[N];

/** The privacy and security options of {@link Config}. */
export interface PrivacyOptions {
  /**
   * Whether the user agreed to tracing. While not `'granted'` nothing is exported, no request gets a
   * trace header, and nothing is written to storage; spans of a `'pending'` page wait in memory
   * (up to 500) and are sent if `setConsent('granted')` follows, or discarded on `'denied'`.
   * @default 'granted'
   */
  consent?: ConsentState;
  /**
   * Query (and fragment) parameters whose values are replaced by `REDACTED` in every URL the SDK records.
   * A list adds names to the defaults (`token`, `password`, `key`, `auth`, `session`, `code`, ... see
   * the README); a function receives the defaults and returns the list to use; `false` turns query
   * redaction off. A name matches whole words at the end of a parameter's name: `key` matches `key`,
   * `apiKey` and `X-Api-Key` but not `monkey`. User info (`https://user:pass@host`) is always removed.
   * @default the built-in list
   */
  redactQueryParams?: string[] | false | ((defaults: string[]) => string[]);
  /**
   * Called with each finished span (a plain, mutable copy) before export: change its `name`,
   * `attributes`, `events` or `status`, or return `null`/`false` to drop it. Runs after redaction.
   * A hook that throws drops the span; the error is logged once in debug mode.
   * @default undefined
   */
  beforeSend?: BeforeSend;
  /** Bounds on one span. @default { count: 128, valueLength: 4096, events: 128 } */
  attributeLimits?: Partial<AttributeLimits>;
  /**
   * Accept `propagateTo` entries that match every URL (`'*'`, `/.*\/`), which are refused otherwise:
   * trace headers then go to every server the page calls, third parties included.
   * @default false
   */
  allowPropagateToAll?: boolean;
  /**
   * Also send the W3C `baggage` header (entries set with `propagation.setBaggage`) wherever
   * `traceparent` goes. Off by default: baggage often carries user data.
   * @default false
   */
  propagateBaggage?: boolean;
}

/** What `init()` accepts. Only `endpoint` and `serviceName` are required; any other key is refused. */
export interface Config extends PrivacyOptions {
  /**
   * OTLP/HTTP traces URL: an absolute `http(s)` URL without credentials, or a root-relative path such
   * as `/otlp/v1/traces` (resolved against the page, useful behind a same-origin proxy).
   */
  endpoint: string;
  /** `service.name` of every span. */
  serviceName: string;
  /** `service.version` resource attribute. @default undefined */
  serviceVersion?: string;
  /** `deployment.environment.name` resource attribute. @default undefined */
  environment?: string;
  /**
   * Where the W3C `traceparent` header may go besides the page's own origin (which always gets it):
   * origins, URL prefixes (at a path boundary), RegExps tested against the origin `scheme://host[:port]`
   * only and ending with `$` (`/\.example\.com$/`), or a function given the origin only. Nothing else
   * ever gets it.
   * @default []
   */
  propagateTo?: UrlPattern[] | ((origin: string) => boolean);
  /** Requests whose URL matches one of these are not traced at all. @default [] */
  ignoreUrls?: UrlPattern[];
  /** Share of sessions that are recorded, 0..1. @default 1 */
  sampleRate?: number;
  /** Session length and where the session id is kept. See {@link SessionOptions}. @default {} */
  session?: SessionOptions;
  /** Attributes added to every span. @default {} */
  attributes?: Attributes;
  /** Extra headers on export requests (e.g. a vendor's API key header): HTTP token names, values without CR, LF or NUL. @default {} */
  headers?: Record<string, string>;
  /** Turn instrumentations on or off, or pass their options. @default all on except `longTasks` */
  instrumentations?: { [N in InstrumentationName]?: InstrumentationSetting<N> };
  /** Print what the SDK does to the console, prefixed `[otel-browser]`. @default false */
  debug?: boolean;
  /**
   * What carries the active span into async work: `'default'` (no zone.js needed) or `'zone'` (the
   * page's own zone.js, loaded before the SDK). @default 'default' ('zone' in otel-browser.zone.min.js)
   */
  contextManager?: ContextManagerChoice;
  /** How spans travel to the collector: compression, queue bounds, retry, persistence. See {@link ExportOptions}. @default {} */
  export?: ExportOptions;
  /**
   * Your own span processors, with OpenTelemetry's `SpanProcessor` shape (`onStart`, `onEnd`,
   * `forceFlush`, `shutdown`; upstream's `SimpleSpanProcessor`/`BatchSpanProcessor` with an upstream
   * exporter fit as they are). They run after the SDK's own: `onStart` sees the live span, `onEnd` sees
   * it as it is exported (redacted, after `beforeSend` and the limits), and only spans that are
   * exported (sampled, kept by `beforeSend`, consent granted). A processor that throws is reported once
   * and never reaches the page. Flushed and shut down with the SDK. @default []
   */
  spanProcessors?: SpanProcessor[];
}

/** Options with every default filled in; callbacks stay optional. */
type Filled<T, Optional extends keyof T = never> = Required<Omit<T, Optional>> & Pick<T, Optional>;

export type ResolvedSessionOptions = Required<SessionOptions>;

export interface ResolvedExportOptions extends Filled<Omit<ExportOptions, 'retry' | 'persist'>> {
  retry: Required<RetryOptions> | false;
  persist: Required<PersistOptions> | false;
}

/** What each instrumentation's `setup` receives: its options with the defaults filled in. */
export interface ResolvedInstrumentationOptions {
  fetch: Filled<FetchOptions>;
  xhr: Filled<XhrOptions>;
  documentLoad: Filled<DocumentLoadOptions>;
  userInteraction: Filled<UserInteractionOptions, 'targetLabel'>;
  navigation: Filled<NavigationOptions, 'routeTemplate'>;
  errors: ErrorsOptions;
  webVitals: Filled<WebVitalsOptions>;
  longTasks: Filled<LongTasksOptions>;
}

/** The privacy options after validation. */
export interface ResolvedPrivacy {
  consent: ConsentState;
  /** Query parameter names to redact; empty when query redaction is off. */
  secretParams: string[];
  beforeSend?: BeforeSend;
  attributeLimits: AttributeLimits;
  allowPropagateToAll: boolean;
  propagateBaggage: boolean;
}

/** The config after validation, with every default filled in and `endpoint` made absolute. */
export interface ResolvedConfig {
  endpoint: string;
  serviceName: string;
  serviceVersion?: string;
  environment?: string;
  propagateTo: UrlPattern[] | ((origin: string) => boolean);
  ignoreUrls: UrlPattern[];
  sampleRate: number;
  session: ResolvedSessionOptions;
  attributes: Attributes;
  headers: Record<string, string>;
  instrumentations: { [N in InstrumentationName]: false | ResolvedInstrumentationOptions[N] };
  debug: boolean;
  privacy: ResolvedPrivacy;
  contextManager: ContextManagerChoice;
  export: ResolvedExportOptions;
  spanProcessors: SpanProcessor[];
}

export type ResolveResult = { ok: true; config: ResolvedConfig } | { ok: false; problems: string[] };
