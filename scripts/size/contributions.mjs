// Attributes every byte of a minified bundle to the package it came from, using the bundle's source
// map (the same idea as source-map-explorer): each mapping segment owns the bytes up to the next one.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = Object.fromEntries([...BASE64].map((c, i) => [c, i]));

/** Decodes one VLQ segment ("AAAA") into its numbers. */
export function decodeSegment(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT[char];
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** `node_modules/@scope/name/...` -> `@scope/name`; our own sources -> `otel-browser (src)`. */
export function packageOf(source) {
  const at = source.lastIndexOf('node_modules/');
  if (at < 0) return /(^|\/)(src|dist\/esm)\//.test(source) ? 'otel-browser (src)' : source;
  const parts = source.slice(at + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** [{ name, bytes, share }] largest first, grouped by package (or by `groupOf(source)`); bytes are minified characters (the bundles are ASCII). */
export function contributions(code, map, groupOf = packageOf) {
  const totals = new Map();
  const add = (name, bytes) => totals.set(name, (totals.get(name) ?? 0) + bytes);
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  let source = 0;
  for (let line = 0; line < lines.length; line++) {
    const length = lines[line].length + (line < lines.length - 1 ? 1 : 0);
    let column = 0;
    let owner = '(unmapped)';
    let from = 0;
    for (const segment of (mappingLines[line] ?? '').split(',').filter(Boolean)) {
      const [dColumn, dSource] = decodeSegment(segment);
      column += dColumn;
      add(owner, column - from);
      if (dSource !== undefined) {
        source += dSource;
        owner = groupOf(map.sources[source]);
      } else owner = '(unmapped)';
      // The other fields (source line and column, name) are deltas too, but only the source matters here.
      from = column;
    }
    add(owner, length - from);
  }
  const total = code.length;
  return [...totals]
    .filter(([, bytes]) => bytes > 0)
    .map(([name, bytes]) => ({ name, bytes, share: (100 * bytes) / total }))
    .sort((a, b) => b.bytes - a.bytes);
}
