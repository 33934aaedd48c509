import { ZoneContextManager } from './zone-context-manager';
import type { Logger } from '../lib/logger';
import { AmbientContextManager } from './ambient-context-manager';
import type { ContextManagerChoice } from '../config/types';

export const ZONE_MISSING = 'contextManager "zone" needs zone.js loaded before the SDK (window.Zone is missing); using the default context manager.';

/**
 * Builds the context manager for `choice`. The zone variant uses the page's own zone.js (our own
 * zone manager, see `zone-context-manager.ts`), so zone.js is never loaded twice.
 */
export function createContextManager(choice: ContextManagerChoice, host: object, logger: Logger): AmbientContextManager {
  if (choice === 'zone') {
    const zone = (host as { Zone?: { current?: unknown } }).Zone;
    if (zone?.current) return new AmbientContextManager(new ZoneContextManager());
    logger.warn(ZONE_MISSING);
  }
  return new AmbientContextManager();
}
