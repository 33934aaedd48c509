export { init } from './init';
export type { OtelBrowserHandle } from './handle';
export type { OtelBrowserGlobal } from './cdn';
export type { Config, InstrumentationName, InstrumentationSetting, UrlPattern } from './config';
export type { ContextManagerChoice } from './context/options';
export type { NavigationOptions, UserInteractionOptions } from './instrumentations/interaction-options';
export type {
  DocumentLoadOptions,
  ErrorsOptions,
  FetchOptions,
  InstrumentationsOptions,
  LongTasksOptions,
  WebVitalsOptions,
  XhrOptions,
} from './instrumentations/options';
export type { SessionOptions, SessionStorageKind } from './session-options';
export { SDK_VERSION } from './version';
export type { ConsentState } from './consent';
export type { PrivacyOptions } from './privacy-options';
export type { BeforeSend } from './processors/before-send';
export type { SpanData, SpanEventData } from './processors/span-data';
export type { AttributeLimits } from './processors/limits';
export { REDACTED } from './lib/redact';
