/**
 * Built-ins the SDK relies on, captured when the SDK loads: page code that later replaces
 * `JSON.stringify`, `Reflect.apply` or `Array.isArray` (with a throwing or "helpful" version) cannot
 * reach into the SDK's hot paths through them.
 */
export const apply = Reflect.apply;
export const stringify = JSON.stringify;
export const parseJson = JSON.parse;
export const isArray = Array.isArray;
export const ownKeys = Object.keys;
