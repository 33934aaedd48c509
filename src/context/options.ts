import { describeValue, mustBeRendered, oneOf } from '../lib/validate';
import { DEFAULT_CONTEXT_MANAGER } from './default-choice';

/**
 * Which context manager carries the active span:
 * - `'default'`: a plain stack plus the interaction's ambient context; needs no zone.js.
 * - `'zone'`: zone.js's zones carry contexts set with `context.with()` through timers, promise
 *   callbacks and event listeners; needs zone.js loaded before the SDK (Angular apps have it).
 *   zone.js cannot follow native `async`/`await`; the ambient context still covers interactions there.
 */
export type ContextManagerChoice = 'default' | 'zone';

export const CONTEXT_MANAGER_CHOICES: readonly ContextManagerChoice[] = ['default', 'zone'];

/** The validation message for a bad `contextManager` (exported so tests assert the exact text). */
export const contextManagerProblem = (rendered: string) => mustBeRendered('contextManager', oneOf(CONTEXT_MANAGER_CHOICES), rendered);

/** Validates `contextManager`. */
export function resolveContextManager(value: unknown, problems: string[]): ContextManagerChoice {
  if (value === undefined || value === null) return DEFAULT_CONTEXT_MANAGER;
  if ((CONTEXT_MANAGER_CHOICES as readonly unknown[]).includes(value)) return value as ContextManagerChoice;
  problems.push(contextManagerProblem(describeValue(value)));
  return 'default';
}
