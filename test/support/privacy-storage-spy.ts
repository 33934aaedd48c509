// Records every storage write and cookie access made from this window while it is installed, so a
// test can assert that the SDK touched none. Other test pages run in parallel and share the origin's
// localStorage and cookie jar, so comparing snapshots would be flaky; spying on this realm is not.

export interface StorageSpy {
  /** `local.setItem(key)`, `cookie=...`, `indexedDB.open(name)`, ... in call order. */
  writes: string[];
  /** How often `document.cookie` was read. */
  cookieReads: number;
  restore(): void;
}

export function spyOnStorage(): StorageSpy {
  const spy: StorageSpy = { writes: [], cookieReads: 0, restore: () => undefined };
  const undo: (() => void)[] = [];
  for (const method of ['setItem', 'removeItem', 'clear'] as const) {
    const original = Storage.prototype[method] as (...args: unknown[]) => unknown;
    Storage.prototype[method] = function (this: Storage, ...args: unknown[]) {
      spy.writes.push(`${this === localStorage ? 'local' : 'session'}.${method}(${String(args[0] ?? '')})`);
      return original.apply(this, args);
    } as never;
    undo.push(() => (Storage.prototype[method] = original as never));
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    enumerable: cookie.enumerable,
    get(this: Document) {
      spy.cookieReads++;
      return cookie.get!.call(this);
    },
    set(this: Document, value: string) {
      spy.writes.push(`cookie=${value}`);
      cookie.set!.call(this, value);
    },
  });
  undo.push(() => Object.defineProperty(Document.prototype, 'cookie', cookie));
  const open = indexedDB.open;
  indexedDB.open = ((name: string, version?: number) => {
    spy.writes.push(`indexedDB.open(${name})`);
    return open.call(indexedDB, name, version);
  }) as typeof indexedDB.open;
  undo.push(() => (indexedDB.open = open));
  spy.restore = () => undo.reverse().forEach((step) => step());
  return spy;
}
