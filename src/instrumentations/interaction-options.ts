import type { SettleOptions } from '../context/activity-tracker';
import { isNumberIn, isStringList, mustBe, mustBeRendered } from '../lib/validate';

/** Options of `instrumentations.userInteraction`. */
export interface UserInteractionOptions {
  /**
   * DOM events that start an interaction span, listened to on `window` in the capture phase (so
   * delegated handlers on a framework's root see the span too). `keydown` counts only for Enter (add it
   * to trace Enter in fields that act without a form). @default ['click', 'submit']
   */
  events?: string[];
  /** The span ends once requests it caused are done and the page stayed idle this many ms. @default 500 */
  idleMs?: number;
  /** The span ends at the latest this many ms after the event. @default 10000 */
  maxDurationMs?: number;
  /**
   * Names the target in the span name instead of the built-in label (`"Add to cart"`, `button#checkout`).
   * Return `undefined` to keep the built-in one. Keep the result short and low-cardinality.
   */
  targetLabel?: (element: Element, event: Event) => string | undefined;
  /**
   * Whether a button's or link's visible text may name the target (`click "Add to cart"`), with runs of
   * digits and e-mail addresses masked and at most 40 characters. Off by default, since such text can be
   * personal (a link showing the user's name): names then come from `data-otel-name`, `id`, `name`,
   * `aria-label` (masked the same way), `role` or the tag. Form control values and `<option>` text are
   * never used. @default false
   */
  text?: boolean;
}

/** Options of `instrumentations.navigation`. */
export interface NavigationOptions {
  /**
   * Maps a URL to its route template (`/product/:id`), used in the span name and as `route.template`.
   * Return `undefined` to use the built-in name (the path with id-like segments replaced by `:id`).
   */
  routeTemplate?: (url: URL) => string | undefined;
  /** The route-change span ends once the requests of the new view are done and the page stayed idle this many ms. @default 1000 */
  idleMs?: number;
  /** The route-change span ends at the latest this many ms after the change. @default 15000 */
  maxDurationMs?: number;
}

export const DEFAULT_INTERACTION_EVENTS = ['click', 'submit'];
export const DEFAULT_INTERACTION_SETTLE: SettleOptions = { idleMs: 500, maxDurationMs: 10000 };
export const DEFAULT_ROUTE_SETTLE: SettleOptions = { idleMs: 1000, maxDurationMs: 15000 };

const EVENTS = 'a non-empty list of DOM event names';
const DURATION = 'a number of milliseconds >= 0';

/** Validation messages for these options (exported so tests assert the exact text). */
export const INTERACTION_PROBLEMS = {
  events: (rendered: string) => mustBeRendered('instrumentations.userInteraction.events', EVENTS, rendered),
  duration: (field: string, rendered: string) => mustBeRendered(`instrumentations.${field}`, DURATION, rendered),
  callback: (field: string, rendered: string) => mustBeRendered(`instrumentations.${field}`, 'a function', rendered),
  boolean: (field: string, rendered: string) => mustBeRendered(`instrumentations.${field}`, 'true or false', rendered),
};

const isDuration = (value: unknown) => isNumberIn(value, 0);

/**
 * Checks the options of `userInteraction` and `navigation` (after the generic instrumentation
 * check), adding one problem per bad field.
 */
export function checkInteractionOptions(instrumentations: Record<string, false | Record<string, unknown>>, problems: string[]): void {
  for (const [name, callback] of [
    ['userInteraction', 'targetLabel'],
    ['navigation', 'routeTemplate'],
  ]) {
    const options = instrumentations[name];
    if (!options) continue;
    const check = (field: string, ok: (value: unknown) => boolean, what: string) => {
      const value = options[field];
      if (value !== undefined && !ok(value)) problems.push(mustBe(`instrumentations.${name}.${field}`, what, value));
    };
    if (name === 'userInteraction') check('events', (value) => isStringList(value) && value.length > 0, EVENTS);
    check('idleMs', isDuration, DURATION);
    check('maxDurationMs', isDuration, DURATION);
    check(callback, (value) => typeof value === 'function', 'a function');
    if (name === 'userInteraction') check('text', (value) => typeof value === 'boolean', 'true or false');
  }
}

/** The settle timing from validated options, defaults filled in. */
export function settleOptions(options: Record<string, unknown>, defaults: SettleOptions): SettleOptions {
  return {
    idleMs: typeof options.idleMs === 'number' ? options.idleMs : defaults.idleMs,
    maxDurationMs: typeof options.maxDurationMs === 'number' ? options.maxDurationMs : defaults.maxDurationMs,
  };
}
