import type { Logger } from '../lib/logger';
import type { Transport } from './transport';

/**
 * Wraps a transport so that failed exports are reported in debug mode once per status, not once per
 * batch: a collector that rejects the page (most often CORS: the page's origin is not in the
 * collector's `allowed_origins`) would otherwise fill the console every second. Never throws.
 */
export function reportExportFailures(transport: Transport, logger: Logger, endpoint: string, pageOrigin: string): Transport {
  return async (body, options) => {
    const result = await transport(body, options);
    const status = result.status;
    if (status < 200 || status >= 300) {
      logger.debugOnce(
        `export-failed-${status}`,
        status
          ? `export to ${endpoint} failed: HTTP ${status} (reported once per status)`
          : `export to ${endpoint} failed: network error or refused by CORS; a collector on another origin must list ${pageOrigin} ` +
              'in receivers.otlp.protocols.http.cors.allowed_origins (reported once)',
      );
    }
    return result;
  };
}
