export { init } from './init';
export type { OtelBrowserHandle } from './handle';
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
export { SDK_VERSION } from './version';
export type { ConsentState } from './consent';
export type { BeforeSend } from './processors/before-send';
export type { SpanData, SpanEventData } from './processors/span-data';
export { REDACTED } from './lib/redact';
