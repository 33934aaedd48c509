export { init } from './init';
export type { OtelBrowserHandle } from './handle';
export type { Config, InstrumentationName, InstrumentationSetting, UrlPattern } from './config';
export type { SessionOptions, SessionStorageKind } from './session-options';
export { SDK_VERSION } from './version';
