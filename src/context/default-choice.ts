import type { ContextManagerChoice } from './options';

/**
 * The `contextManager` used when the config names none. The zone script-tag bundle is built with
 * `default-choice.zone.ts` in place of this file (see rollup.config.mjs), so there it is `'zone'`.
 */
export const DEFAULT_CONTEXT_MANAGER: ContextManagerChoice = 'default';
