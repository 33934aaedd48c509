import type { ContextManagerChoice } from './types';

/** In otel-browser.zone.min.js, which brings zone.js along, zones carry the context by default. */
export const DEFAULT_CONTEXT_MANAGER: ContextManagerChoice = 'zone';
