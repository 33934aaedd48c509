export { init } from './init';
export type { OtelBrowserHandle } from './handle';
export type { OtelBrowserGlobal } from './cdn';
export type {
  AttributeLimits,
  Config,
  ContextManagerChoice,
  DocumentLoadOptions,
  ErrorsOptions,
  ExportOptions,
  FetchOptions,
  InstrumentationName,
  InstrumentationOptions,
  InstrumentationSetting,
  LongTasksOptions,
  NavigationOptions,
  PersistOptions,
  PrivacyOptions,
  RetryOptions,
  SessionOptions,
  SessionStorageKind,
  UrlPattern,
  UserInteractionOptions,
  WebVitalsOptions,
  XhrOptions,
} from './config/types';
/** Every built-in instrumentation's setting, by name (the type of `Config.instrumentations`). */
export type InstrumentationsOptions = NonNullable<import('./config/types').Config['instrumentations']>;
export { SDK_VERSION } from './version';
export type { ConsentState } from './consent';
export type { BeforeSend } from './processors/before-send';
export type { SpanData, SpanEventData } from './processors/span-data';
export { REDACTED } from './lib/redact';
