export { init } from './sdk/init';
export type { OtelBrowserHandle } from './sdk/handle';
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
export { SDK_VERSION } from './sdk/version';
export type { ConsentState } from './privacy/consent';
export type { BeforeSend } from './privacy/before-send';
export type { SpanData, SpanEventData } from './export/span-data';
export { REDACTED } from './privacy/redact';
