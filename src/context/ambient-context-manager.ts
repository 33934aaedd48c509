import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';
import { apply } from '../lib/natives';

/**
 * The active context for the browser, in two layers:
 *
 * 1. A stack: `context.with(ctx, fn)` makes `ctx` active while `fn` runs synchronously, as
 *    upstream's `StackContextManager` does (or, when a `base` manager is given, that manager decides,
 *    e.g. the zone one).
 * 2. An *ambient* context, used only when the stack is empty: while a user interaction or a route
 *    change is under way, its span is the ambient context, so work the page starts for it after a
 *    native `await`, in a `setTimeout` or in a promise callback (where no stack and no zone survives)
 *    still finds it. The owner clears it when the interaction settles (see `activity-tracker.ts`).
 *
 * Only one ambient context exists at a time: a newer interaction replaces an older one.
 */
export class AmbientContextManager implements ContextManager {
  private _stack: Context[] = [];
  private _ambient: Context | undefined;
  private _enabled = false;

  /** @param _base a manager that keeps `with` contexts across async work itself (the zone one); none means a plain stack */
  constructor(private readonly _base?: ContextManager) {}

  active(): Context {
    if (!this._enabled) return ROOT_CONTEXT;
    if (this._base) {
      const fromBase = this._base.active();
      return fromBase === ROOT_CONTEXT ? (this._ambient ?? ROOT_CONTEXT) : fromBase;
    }
    // Inside `with` the stack wins, even when it holds ROOT_CONTEXT on purpose (detached work).
    return this._stack.length ? this._stack[this._stack.length - 1] : (this._ambient ?? ROOT_CONTEXT);
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    if (this._base) return this._base.with(context, fn, thisArg, ...args);
    // Index writes and Reflect.apply captured at load, not push()/pop()/fn.call(): the page may have
    // replaced those, and context.with() runs around the page's own code.
    const stack = this._stack;
    const depth = stack.length;
    stack[depth] = context || ROOT_CONTEXT;
    try {
      return apply(fn, thisArg, args);
    } finally {
      stack.length = depth;
    }
  }

  bind<T>(context: Context, target: T): T {
    if (this._base) return this._base.bind(context, target);
    if (typeof target !== 'function') return target;
    const manager = this;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    const bound = function (this: unknown, ...args: unknown[]) {
      return manager.with(context ?? ROOT_CONTEXT, () => fn.apply(this, args));
    };
    Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
    return bound as unknown as T;
  }

  enable(): this {
    this._base?.enable();
    this._enabled = true;
    return this;
  }

  disable(): this {
    this._base?.disable();
    this._enabled = false;
    this._stack = [];
    this._ambient = undefined;
    return this;
  }

  /** Makes `context` the ambient context, replacing any other. */
  setAmbient(context: Context): void {
    this._ambient = context;
  }

  /** Clears the ambient context if it is still `context` (a newer one may have replaced it). */
  clearAmbient(context: Context): void {
    if (this._ambient === context) this._ambient = undefined;
  }

  /** The ambient context, if an interaction or route change is under way. */
  ambient(): Context | undefined {
    return this._ambient;
  }
}
