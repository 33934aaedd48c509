import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

/** The part of zone.js's `Zone` this manager uses (the page's own zone.js, never bundled by the npm entry). */
interface ZoneTask {
  state: string;
}
interface ZoneDelegate {
  cancelTask(zone: ZoneLike, task: ZoneTask): unknown;
}
interface ZoneLike {
  get(key: string): unknown;
  fork(spec: {
    name: string;
    properties: Record<string, unknown>;
    onCancelTask?: (delegate: ZoneDelegate, current: ZoneLike, target: ZoneLike, task: ZoneTask) => unknown;
  }): ZoneLike;
  run<T>(fn: (...args: unknown[]) => T, thisArg?: unknown, args?: unknown[]): T;
}

/** Where the context lives in a zone's properties. */
const KEY = 'otel-browser.context';

const currentZone = (): ZoneLike | undefined => (globalThis as { Zone?: { current?: ZoneLike } }).Zone?.current;

/**
 * Keeps the active context in zone.js zones, so it follows the page's own async work that zone.js
 * tracks (timers, promise callbacks, event listeners added inside). Written against
 * `@opentelemetry/api` alone: upstream's `@opentelemetry/context-zone-peer-dep` pins the api below
 * 1.10, which would give apps on OpenTelemetry JS 3.x a second api copy.
 *
 * `bind` binds functions; other targets (event emitters) are returned unchanged, as in the default manager.
 */
export class ZoneContextManager implements ContextManager {
  private _enabled = false;

  active(): Context {
    const zone = this._enabled ? currentZone() : undefined;
    return (zone?.get(KEY) as Context | undefined) ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const zone = currentZone();
    if (!zone) return fn.call(thisArg, ...args);
    const child = zone.fork({
      name: fn.name ? `otel:${fn.name}` : 'otel',
      properties: { [KEY]: context ?? ROOT_CONTEXT },
      // zone.js throws when a task that already ran (or is running) is cancelled from a forked zone,
      // e.g. clearTimeout inside the timer's own callback; cancelling such a task has nothing to do.
      onCancelTask: (delegate, _current, target, task) =>
        task.state === 'running' || task.state === 'notScheduled' ? task : delegate.cancelTask(target, task),
    });
    return child.run(fn as unknown as (...args: unknown[]) => ReturnType<F>, thisArg, args);
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const manager = this;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    const bound = function (this: unknown, ...args: unknown[]) {
      return manager.with(context, () => fn.apply(this, args));
    };
    Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
    return bound as unknown as T;
  }

  enable(): this {
    this._enabled = true;
    return this;
  }

  disable(): this {
    this._enabled = false;
    return this;
  }
}
