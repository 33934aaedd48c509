import { isArray, ownKeys, stringify } from './natives';

/**
 * JSON text of plain data (objects, arrays, strings, numbers, booleans, null), reading own enumerable
 * properties only and never calling `toJSON`: a page that adds `Array.prototype.toJSON` (Prototype.js
 * did) or an enumerable `Object.prototype` key cannot change what the SDK sends or stores. Strings go
 * through the `JSON.stringify` captured at load (a primitive has no `toJSON` to call). Loops are by
 * index: `Array.prototype` methods and iterators may be replaced by the page too.
 */
export function toJson(value: unknown): string {
  // The engine's own encoder wherever page code has not put a `toJSON` on the prototypes (the one way
  // it reaches into JSON.stringify's output for our plain data; own keys only, like the walk below):
  // several times faster than the walk, which stays for pages that have.
  return 'toJSON' in ARRAY_PROTOTYPE ? walk(value) : stringify(value);
}

// Object.prototype is on its chain: one `in` sees a `toJSON` on either.
const ARRAY_PROTOTYPE = Array.prototype;

function walk(value: unknown): string {
  if (value === null) return 'null';
  const type = typeof value;
  if (type === 'string') return stringify(value);
  // Not String(): it keeps every distinct number it converts in V8's number-to-string cache, which a
  // stream of timestamps and durations grows to its full size (~110 KiB kept for the page's life).
  // JSON.stringify writes the same digits without the cache.
  if (type === 'number') return isFinite(value as number) ? stringify(value) : 'null';
  if (type === 'boolean') return value ? 'true' : 'false';
  if (isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (value[i] === undefined ? 'null' : walk(value[i]));
    return out + ']';
  }
  let out = '{';
  const keys = ownKeys(value as object);
  for (let i = 0, first = true; i < keys.length; i++) {
    const item = (value as Record<string, unknown>)[keys[i]];
    if (item === undefined || typeof item === 'function') continue;
    out += (first ? '' : ',') + stringify(keys[i]) + ':' + walk(item);
    first = false;
  }
  return out + '}';
}
