import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION, ATTR_USER_AGENT_ORIGINAL } from '@opentelemetry/semantic-conventions';
import type { ResolvedConfig } from './config';
import { SDK_VERSION } from './version';

// Incubating semantic-convention names, kept local so the build never pulls in `/incubating`.
export const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';
export const ATTR_TELEMETRY_DISTRO_NAME = 'telemetry.distro.name';
export const ATTR_TELEMETRY_DISTRO_VERSION = 'telemetry.distro.version';

/**
 * The resource every span carries: who sent it (service, environment, SDK) and from which browser.
 * `defaultResource()` supplies the `telemetry.sdk.*` attributes.
 */
export function createResource(config: ResolvedConfig, navigatorLike: Pick<Navigator, 'userAgent'> | undefined): Resource {
  return defaultResource().merge(
    resourceFromAttributes({
      [ATTR_SERVICE_NAME]: config.serviceName,
      [ATTR_SERVICE_VERSION]: config.serviceVersion,
      [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: config.environment,
      [ATTR_TELEMETRY_DISTRO_NAME]: 'otel-browser',
      [ATTR_TELEMETRY_DISTRO_VERSION]: SDK_VERSION,
      [ATTR_USER_AGENT_ORIGINAL]: navigatorLike?.userAgent,
    }),
  );
}
