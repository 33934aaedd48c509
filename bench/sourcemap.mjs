// Maps a position in a minified bundle back to its original file and line, for CPU profile reports.
import { decodeSegment } from '../scripts/size/contributions.mjs';

/** Decodes `map.mappings` into, per generated line, segments [column, source, line, column, name?]. */
function decode(map) {
  const state = [0, 0, 0, 0];
  return map.mappings.split(';').map((line) => {
    let column = 0;
    return line
      .split(',')
      .filter(Boolean)
      .map((text) => {
        const [dColumn, dSource, dLine, dSourceColumn, dName] = decodeSegment(text);
        column += dColumn;
        if (dSource === undefined) return [column];
        state[0] += dSource;
        state[1] += dLine;
        state[2] += dSourceColumn;
        if (dName !== undefined) state[3] += dName;
        return [column, state[0], state[1], state[2], dName !== undefined ? state[3] : undefined];
      });
  });
}

/** Returns lookup(line, column) (both 0-based) -> { source, line, name } | undefined. */
export function createLookup(map) {
  const lines = decode(map);
  return (line, column) => {
    const segments = lines[line] ?? [];
    let found;
    for (const segment of segments) {
      if (segment[0] > column) break;
      if (segment.length > 1) found = segment;
    }
    if (!found) return undefined;
    const source = map.sources[found[1]].replace(/^.*node_modules\//, '').replace(/^\.\.\//, '');
    return { source, line: found[2] + 1, name: found[4] !== undefined ? map.names[found[4]] : undefined };
  };
}
