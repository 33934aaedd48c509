export { init } from './init';
export type { OtelBrowserHandle } from './handle';
export type { Config, InstrumentationName, InstrumentationSetting, UrlPattern } from './config';
export type { ContextManagerChoice } from './context/options';
export type { NavigationOptions, UserInteractionOptions } from './instrumentations/interaction-options';
export { SDK_VERSION } from './version';
