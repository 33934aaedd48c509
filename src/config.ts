import type { Attributes } from '@opentelemetry/api';
import { describeValue, isNumberIn, isObject, mustBe, mustBeBoolean, mustBeObject, TOGGLE } from './lib/validate';
import { originPatternProblem } from './propagation';
import { resolvePrivacy, type PrivacyOptions, type ResolvedPrivacy } from './privacy-options';
import { resolveContextManager, type ContextManagerChoice } from './context/options';
import { checkInteractionOptions } from './instrumentations/interaction-options';
import { resolveSessionOptions, type ResolvedSessionOptions, type SessionOptions } from './session-options';
import { resolveExportOptions, type ExportOptions, type ResolvedExportOptions } from './export/options';

/** A URL pattern: an origin (`https://api.example.com`), a URL prefix, or a RegExp tested against the full URL. */
export type UrlPattern = string | RegExp;

/** Names of the built-in instrumentations, as used in {@link Config.instrumentations}. */
export type InstrumentationName = 'fetch' | 'xhr' | 'documentLoad' | 'userInteraction' | 'navigation' | 'errors' | 'webVitals' | 'longTasks';

/** Each instrumentation takes `true`/`false` or an options object (which means enabled). */
export type InstrumentationSetting = boolean | Record<string, unknown>;

/** What `init()` accepts. Only `endpoint` and `serviceName` are required. */
export interface Config extends PrivacyOptions {
  /**
   * OTLP/HTTP traces URL: an absolute `http(s)` URL, or a root-relative path such as
   * `/otlp/v1/traces` (resolved against the page, useful behind a same-origin proxy).
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
  /** Session length and where the session id is kept. @default { idleTimeoutMs: 900000, maxAgeMs: 14400000, storage: 'localStorage', storageKey: 'otel-browser.session' } */
  session?: SessionOptions;
  /** Attributes added to every span. @default {} */
  attributes?: Attributes;
  /** Extra headers on export requests (e.g. a vendor's API key header). @default {} */
  headers?: Record<string, string>;
  /** Turn instrumentations on or off, or pass their options. @default all on except `longTasks` */
  instrumentations?: Partial<Record<InstrumentationName, InstrumentationSetting>>;
  /** Print what the SDK does to the console, prefixed `[otel-browser]`. @default false */
  debug?: boolean;
  /**
   * What carries the active span into async work: `'default'` (no zone.js needed) or `'zone'` (the
   * page's own zone.js, loaded before the SDK). @default 'default' ('zone' in otel-browser.zone.min.js)
   */
  contextManager?: ContextManagerChoice;
  /** How spans travel to the collector: compression, queue bounds, retry, persistence. See {@link ExportOptions}. @default {} */
  export?: ExportOptions;
}

/** The config after validation, with every default filled in and `endpoint` made absolute. */
export interface ResolvedConfig {
  endpoint: string;
  serviceName: string;
  serviceVersion?: string;
  environment?: string;
  propagateTo: UrlPattern[] | ((url: string) => boolean);
  ignoreUrls: UrlPattern[];
  sampleRate: number;
  session: ResolvedSessionOptions;
  attributes: Attributes;
  headers: Record<string, string>;
  instrumentations: Record<InstrumentationName, false | Record<string, unknown>>;
  debug: boolean;
  privacy: ResolvedPrivacy;
  contextManager: ContextManagerChoice;
  export: ResolvedExportOptions;
}

export const DEFAULT_INSTRUMENTATIONS: Record<InstrumentationName, boolean> = {
  fetch: true,
  xhr: true,
  documentLoad: true,
  userInteraction: true,
  navigation: true,
  errors: true,
  webVitals: true,
  longTasks: false,
};

/** Every instrumentation name, in the order above. */
export const INSTRUMENTATION_NAMES = Object.keys(DEFAULT_INSTRUMENTATIONS) as InstrumentationName[];

export type ResolveResult = { ok: true; config: ResolvedConfig } | { ok: false; problems: string[] };

/** Validation messages, exported so tests can assert the exact text. */
export const PROBLEMS = {
  required: (field: string, value: unknown) => `${field} is required; got ${describeValue(value)}`,
  endpoint: (value: unknown) => mustBe('endpoint', 'an absolute http(s) URL or a root-relative path such as "/v1/traces"', value),
  sampleRate: (value: unknown) => mustBe('sampleRate', 'a number from 0 to 1', value),
  unknownInstrumentation: (name: string) =>
    `instrumentations.${name} is not an instrumentation; known: ${INSTRUMENTATION_NAMES.join(', ')}`,
  instrumentationSetting: (name: string, value: unknown) => mustBe(`instrumentations.${name}`, TOGGLE, value),
  urlPatterns: (field: string, value: unknown) =>
    mustBe(field, `a list of origins, URL prefixes or RegExps${field === 'propagateTo' ? ', or a function' : ''}`, value),
  urlPattern: (field: string, value: unknown) => mustBe(`${field} entries`, 'http(s) origins or URL prefixes (or RegExps)', value),
  matchesEverything: (field: string, value: unknown) =>
    `${field} entry ${describeValue(value)} would match every URL and send trace headers everywhere; list the origins instead (or set allowPropagateToAll: true)`,
  unanchored: (field: string, value: unknown) =>
    `${field} entry ${describeValue(value)} must end with $ (it is tested against the origin, scheme://host[:port])`,
  wildcardHost: (field: string, value: unknown) =>
    `${field} entry ${describeValue(value)} has a wildcard, which string entries do not support; use a RegExp such as /^https:\/\/[^/]+\.example\.com\//`,
  object: mustBeObject,
  boolean: mustBeBoolean,
  string: (field: string, value: unknown) => mustBe(field, 'a string', value),
};

function resolveEndpoint(value: unknown, base: string, problems: string[]): string {
  if (value === undefined || value === null || value === '') {
    problems.push(PROBLEMS.required('endpoint', value));
    return '';
  }
  // Absolute http(s), or root-relative ("/x" but not the protocol-relative "//host").
  if (typeof value === 'string' && /^(https?:\/\/|\/(?!\/))/i.test(value)) {
    try {
      return new URL(value, base).href;
    } catch {
      // Falls through to the problem below.
    }
  }
  problems.push(PROBLEMS.endpoint(value));
  return '';
}

function resolvePatterns(field: string, value: unknown, problems: string[], allowAll = false): UrlPattern[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' || value instanceof RegExp ? [value] : value;
  if (!Array.isArray(list)) {
    problems.push(PROBLEMS.urlPatterns(field, value));
    return [];
  }
  const patterns: UrlPattern[] = [];
  for (const entry of list) {
    if (entry instanceof RegExp) {
      // A pattern that matches unrelated URLs would leak trace headers to every third party.
      const problem = field === 'propagateTo' && !allowAll ? originPatternProblem(entry) : undefined;
      if (problem === 'everything') problems.push(PROBLEMS.matchesEverything(field, entry));
      else if (problem) problems.push(PROBLEMS.unanchored(field, entry));
      else patterns.push(entry);
    } else if (typeof entry === 'string' && entry.trim() !== '') {
      const trimmed = entry.trim();
      if (trimmed === '*' && field === 'propagateTo' && allowAll) patterns.push(/^https?:\/\//i);
      else if (trimmed === '*') problems.push(PROBLEMS.matchesEverything(field, entry));
      else if (field === 'propagateTo' && /^[^/?#]*:\/\/[^/?#]*\*/.test(trimmed)) problems.push(PROBLEMS.wildcardHost(field, entry));
      else if (field === 'propagateTo' && !/^https?:\/\/[^/?#]+/i.test(trimmed)) problems.push(PROBLEMS.urlPattern(field, entry));
      else patterns.push(trimmed);
    } else {
      problems.push(PROBLEMS.urlPatterns(field, entry));
    }
  }
  return patterns;
}

function resolveInstrumentations(value: unknown, problems: string[]): ResolvedConfig['instrumentations'] {
  const resolved = {} as ResolvedConfig['instrumentations'];
  for (const name of INSTRUMENTATION_NAMES) resolved[name] = DEFAULT_INSTRUMENTATIONS[name] ? {} : false;
  if (value === undefined) return resolved;
  if (!isObject(value)) {
    problems.push(PROBLEMS.object('instrumentations', value));
    return resolved;
  }
  for (const [name, setting] of Object.entries(value)) {
    if (!(INSTRUMENTATION_NAMES as readonly string[]).includes(name)) {
      problems.push(PROBLEMS.unknownInstrumentation(name));
    } else if (typeof setting === 'boolean') {
      resolved[name as InstrumentationName] = setting ? {} : false;
    } else if (isObject(setting)) {
      resolved[name as InstrumentationName] = setting;
    } else if (setting !== undefined) {
      problems.push(PROBLEMS.instrumentationSetting(name, setting));
    }
  }
  return resolved;
}

function optionalString(field: string, value: unknown, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  problems.push(PROBLEMS.string(field, value));
  return undefined;
}

/**
 * Validates user input and fills in defaults. Never throws: every problem found is returned,
 * each naming the field and the offending value.
 * @param input what the user passed to `init()`
 * @param base the page URL that a root-relative `endpoint` is resolved against
 */
export function resolveConfig(input: unknown, base: string): ResolveResult {
  const problems: string[] = [];
  if (!isObject(input)) return { ok: false, problems: [PROBLEMS.object('config', input)] };
  const endpoint = resolveEndpoint(input.endpoint, base, problems);
  const serviceName = optionalString('serviceName', input.serviceName, problems);
  if (!serviceName) problems.push(PROBLEMS.required('serviceName', input.serviceName));
  const sampleRate = input.sampleRate ?? 1;
  if (!isNumberIn(sampleRate, 0, 1)) problems.push(PROBLEMS.sampleRate(input.sampleRate));
  const privacy = resolvePrivacy(input, problems);
  const propagateTo =
    typeof input.propagateTo === 'function'
      ? (input.propagateTo as (url: string) => boolean)
      : resolvePatterns('propagateTo', input.propagateTo, problems, privacy.allowPropagateToAll);
  const ignoreUrls = resolvePatterns('ignoreUrls', input.ignoreUrls, problems);
  for (const field of ['attributes', 'headers'] as const) {
    if (input[field] !== undefined && !isObject(input[field])) problems.push(PROBLEMS.object(field, input[field]));
  }
  const debug = input.debug ?? false;
  if (typeof debug !== 'boolean') problems.push(PROBLEMS.boolean('debug', input.debug));
  const config: ResolvedConfig = {
    endpoint,
    serviceName: serviceName ?? '',
    serviceVersion: optionalString('serviceVersion', input.serviceVersion, problems),
    environment: optionalString('environment', input.environment, problems),
    propagateTo,
    ignoreUrls,
    sampleRate: sampleRate as number,
    session: resolveSessionOptions(input.session, problems),
    attributes: isObject(input.attributes) ? (input.attributes as Attributes) : {},
    headers: isObject(input.headers) ? (input.headers as Record<string, string>) : {},
    instrumentations: resolveInstrumentations(input.instrumentations, problems),
    debug: debug === true,
    privacy,
    contextManager: resolveContextManager(input.contextManager, problems),
    export: resolveExportOptions(input.export, problems),
  };
  checkInteractionOptions(config.instrumentations, problems);
  return problems.length ? { ok: false, problems } : { ok: true, config };
}
