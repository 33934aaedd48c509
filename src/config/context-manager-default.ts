import type { ContextManagerChoice } from './types';

/**
 * The `contextManager` used when the config names none. The zone script-tag bundle is built with
 * `context-manager-default.zone.ts` in place of this file (see rollup.config.mjs), so there it is `'zone'`.
 * It is the one default that differs per bundle, hence its own file; `defaults.ts` re-exports it.
 */
export const DEFAULT_CONTEXT_MANAGER: ContextManagerChoice = 'default';
