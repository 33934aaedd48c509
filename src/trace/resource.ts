import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { ResolvedConfig } from '../config';
import {
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_TELEMETRY_SDK_LANGUAGE,
  ATTR_TELEMETRY_SDK_NAME,
  ATTR_TELEMETRY_SDK_VERSION,
  ATTR_USER_AGENT_ORIGINAL,
  TELEMETRY_SDK_LANGUAGE_VALUE_WEBJS,
} from '../lib/semconv';
import { SDK_VERSION } from '../sdk/version';
import type { Resource } from './types';

// Incubating semantic-convention names, kept local so the build never pulls in `/incubating`.
export const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';
export const ATTR_TELEMETRY_DISTRO_NAME = 'telemetry.distro.name';
export const ATTR_TELEMETRY_DISTRO_VERSION = 'telemetry.distro.version';
export const ATTR_BROWSER_BRANDS = 'browser.brands';
export const ATTR_BROWSER_PLATFORM = 'browser.platform';
export const ATTR_BROWSER_MOBILE = 'browser.mobile';
export const ATTR_BROWSER_LANGUAGE = 'browser.language';

/** `navigator.userAgentData` (User-Agent Client Hints): Chromium-based browsers only, hence optional. */
interface UserAgentData {
  brands?: { brand: string; version: string }[];
  platform?: string;
  mobile?: boolean;
}
type NavigatorLike = Pick<Navigator, 'userAgent'> & Partial<Pick<Navigator, 'language'>> & { userAgentData?: UserAgentData };

/**
 * The resource every span carries: who sent it (service, environment, SDK) and from which browser.
 * The `telemetry.sdk.*` attributes name this SDK, not OpenTelemetry JS's: the spans are made by our
 * own tracer, and the specification asks an SDK other than the official one to give its own name.
 */
export function createResource(config: ResolvedConfig, navigatorLike: NavigatorLike | undefined): Resource {
  return fixedResource({
    [ATTR_TELEMETRY_SDK_NAME]: 'otel-browser',
    [ATTR_TELEMETRY_SDK_LANGUAGE]: TELEMETRY_SDK_LANGUAGE_VALUE_WEBJS,
    [ATTR_TELEMETRY_SDK_VERSION]: SDK_VERSION,
    [ATTR_SERVICE_NAME]: config.serviceName,
    [ATTR_SERVICE_VERSION]: config.serviceVersion,
    [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: config.environment,
    [ATTR_TELEMETRY_DISTRO_NAME]: 'otel-browser',
    [ATTR_TELEMETRY_DISTRO_VERSION]: SDK_VERSION,
    [ATTR_USER_AGENT_ORIGINAL]: navigatorLike?.userAgent,
    ...browserAttributes(navigatorLike),
  });
}

/** A resource whose attributes are all known up front (the SDK has no asynchronous ones). Unset values are left out. */
function fixedResource(raw: Record<string, AttributeValue | undefined>): Resource {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(raw)) if (value != null) attributes[key] = value;
  return {
    attributes,
    asyncAttributesPending: false,
    getRawAttributes: () => Object.entries(attributes),
    // As the specification says, the other resource's values win.
    merge(other) {
      return other ? fixedResource({ ...attributes, ...other.attributes }) : this;
    },
  };
}

/**
 * The `browser.*` resource attributes. Brands, platform and mobile come only from the client hints
 * API: where it is missing they stay unset, as the semantic conventions ask (no user-agent sniffing).
 */
export function browserAttributes(navigatorLike: NavigatorLike | undefined): Record<string, string | string[] | boolean | undefined> {
  const hints = navigatorLike?.userAgentData;
  return {
    [ATTR_BROWSER_BRANDS]: Array.isArray(hints?.brands) ? hints.brands.map(({ brand, version }) => `${brand} ${version}`) : undefined,
    [ATTR_BROWSER_PLATFORM]: typeof hints?.platform === 'string' ? hints.platform : undefined,
    [ATTR_BROWSER_MOBILE]: typeof hints?.mobile === 'boolean' ? hints.mobile : undefined,
    [ATTR_BROWSER_LANGUAGE]: navigatorLike?.language || undefined,
  };
}
