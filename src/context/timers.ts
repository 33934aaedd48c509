/** Timer functions the SDK schedules its own bookkeeping with. */
export interface Timers {
  set(callback: () => void, ms: number): number;
  clear(id: number | undefined): void;
}

type ZoneHost = { __zone_symbol__setTimeout?: typeof setTimeout; __zone_symbol__clearTimeout?: typeof clearTimeout };

/**
 * The page's timers, unpatched by zone.js when it is there: the SDK's own timers must not run inside
 * an Angular zone, where each one would trigger change detection and delay `whenStable()`.
 */
export function nativeTimers(host: Window & typeof globalThis): Timers {
  const zoned = host as unknown as ZoneHost;
  const set = zoned.__zone_symbol__setTimeout ?? host.setTimeout;
  const clear = zoned.__zone_symbol__clearTimeout ?? host.clearTimeout;
  return {
    set: (callback, ms) => set.call(host, callback, ms) as unknown as number,
    clear: (id) => {
      if (id !== undefined) clear.call(host, id);
    },
  };
}
