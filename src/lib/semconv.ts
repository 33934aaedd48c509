// Semantic-convention attribute names written in more than one place, from the stable conventions (1.x),
// as constants: the package `@opentelemetry/semantic-conventions` is not a runtime dependency, and its
// `/incubating` entry is never used. Names one instrumentation alone writes live in its folder's semconv.ts.

export const ATTR_SERVICE_NAME = 'service.name';
export const ATTR_SERVICE_VERSION = 'service.version';
export const ATTR_TELEMETRY_SDK_NAME = 'telemetry.sdk.name';
export const ATTR_TELEMETRY_SDK_LANGUAGE = 'telemetry.sdk.language';
export const ATTR_TELEMETRY_SDK_VERSION = 'telemetry.sdk.version';
export const TELEMETRY_SDK_LANGUAGE_VALUE_WEBJS = 'webjs';
export const ATTR_USER_AGENT_ORIGINAL = 'user_agent.original';
export const ATTR_URL_FULL = 'url.full';
export const ATTR_ERROR_TYPE = 'error.type';
