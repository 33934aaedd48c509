/** The SDK's version, recorded as `telemetry.distro.version`. Kept in step with package.json by a test. */
export const SDK_VERSION = '0.1.0';
