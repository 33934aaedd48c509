// Every default value of the config, in one place (their meaning is documented in types.ts).
import type { AttributeLimits, InstrumentationName, ResolvedExportOptions, ResolvedInstrumentationOptions, ResolvedSessionOptions } from './types';

export { DEFAULT_CONTEXT_MANAGER } from './context-manager-default';

/** Which instrumentations run when the config does not say. */
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

/** The DOM events that start a user-interaction span. */
export const DEFAULT_INTERACTION_EVENTS = ['click', 'submit'];

/** Each instrumentation's options when given as `true` (and under the fields an options object leaves out). */
export const DEFAULT_INSTRUMENTATION_OPTIONS: ResolvedInstrumentationOptions = {
  fetch: { networkEvents: true },
  xhr: { networkEvents: true },
  documentLoad: { networkEvents: true, paintEvents: true },
  userInteraction: { events: DEFAULT_INTERACTION_EVENTS, idleMs: 500, maxDurationMs: 10000, text: false },
  navigation: { idleMs: 1000, maxDurationMs: 15000 },
  errors: {},
  webVitals: { reportAllChanges: false },
  // The browser reports nothing shorter than 50 ms.
  longTasks: { thresholdMs: 50, entryType: 'long-animation-frame' },
};

/** `session`: 15 minutes idle, 4 hours at most, kept in localStorage. */
export const DEFAULT_SESSION: ResolvedSessionOptions = {
  idleTimeoutMs: 15 * 60 * 1000,
  maxAgeMs: 4 * 60 * 60 * 1000,
  storage: 'localStorage',
  storageKey: 'otel-browser.session',
};

/** `export.retry` when `true` or not given. */
export const DEFAULT_RETRY = { initialDelayMs: 1000, maxDelayMs: 30000, maxElapsedMs: 60000 };
/** `export.persist` when `true` or not given. */
export const DEFAULT_PERSIST = { maxBytes: 1_000_000, maxAgeMs: 86_400_000 };

/** `export` when not given. */
export const DEFAULT_EXPORT: ResolvedExportOptions = {
  compression: 'none',
  maxQueueSize: 2048,
  maxQueueBytes: 1_000_000,
  maxBatchSize: 200,
  maxBatchBytes: 30_000,
  delayMs: 1000,
  retry: DEFAULT_RETRY,
  persist: DEFAULT_PERSIST,
};

/** `attributeLimits` when not given. */
export const DEFAULT_ATTRIBUTE_LIMITS: AttributeLimits = { count: 128, valueLength: 4096, events: 128 };

/**
 * Query parameter names whose values are replaced by `REDACTED` by default. A parameter is secret when
 * its name, or the last words of its name, spell a listed name: see `createUrlRedactor` in privacy/redact.ts.
 */
export const DEFAULT_SECRET_PARAMS = [
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'jwt',
  'password',
  'passwd',
  'pwd',
  'secret',
  'client_secret',
  'key',
  'api_key',
  'auth',
  'authorization',
  'session',
  'session_id',
  'jsessionid',
  'phpsessid',
  'sid',
  'code',
  'signature',
  'sig',
  'credential',
  'saml_response',
  'saml_request',
  'code_verifier',
  'assertion',
  'ticket',
  'otp',
  'passcode',
  'hmac',
];
