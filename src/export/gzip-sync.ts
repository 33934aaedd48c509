import { encoder } from './compress';

/**
 * A small synchronous gzip (RFC 1952 around one RFC 1951 block with the fixed Huffman code), for the
 * page-hide path only: `CompressionStream` is asynchronous, and work scheduled after `pagehide` may
 * never run. OTLP JSON repeats itself a lot (keys, ids, URLs), so back-references alone shrink it several
 * times, which lets far more spans fit the 64 KiB keepalive budget than uncompressed JSON would.
 * Length and distance codes are computed rather than looked up in tables: less code to ship.
 */

/** Candidates tried per position: enough for repetitive JSON, bounded so a hostile input stays fast. */
const MAX_CHAIN = 32;
/** Longest match deflate allows: it has a symbol of its own (285), off the regular pattern of the others. */
const MAX_MATCH = 258;

/**
 * CRC-32 of each byte value (the gzip trailer's checksum), for a byte-at-a-time CRC. Built on the first
 * page hide that gzips, not at load: building it took ~0.4 ms of the script's evaluation.
 */
let crcTable: Int32Array | undefined;
const buildCrcTable = (): Int32Array =>
  Int32Array.from({ length: 256 }, (_, c) => {
    for (let k = 8; k--;) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });

/** Gzips `text` (as UTF-8) synchronously. */
export function gzipSync(text: string): Uint8Array {
  const input = encoder.encode(text);
  const n = input.length;
  // At most 9 bits per input byte (a literal); a back-reference never costs more than its bytes would.
  const out = new Uint8Array(n + (n >> 3) + 32);
  out.set([31, 139, 8, 0, 0, 0, 0, 0, 0, 255]);
  let pos = 10;
  let buffer = 0;
  let count = 0;
  /** Appends `length` bits of `value`, least significant first (how deflate packs everything but Huffman codes). */
  const write = (value: number, length: number) => {
    buffer |= value << count;
    for (count += length; count > 7; count -= 8) {
      out[pos++] = buffer;
      buffer >>>= 8;
    }
  };
  /** Appends a Huffman code: most significant bit first. */
  const huffman = (code: number, length: number) => {
    while (length--) write((code >> length) & 1, 1);
  };
  /** The fixed literal/length code (RFC 1951, 3.2.6). */
  const symbol = (s: number) => (s < 144 ? huffman(s + 48, 8) : s < 256 ? huffman(s + 256, 9) : s < 280 ? huffman(s - 256, 7) : huffman(s - 88, 8));

  /**
   * Appends a length (`v` = length - 3, `k` = 2) or a distance (`v` = distance - 1, `k` = 1) as its code
   * and extra bits (RFC 1951, 3.2.5), computed instead of looked up: values below 2^k are codes of their
   * own; above, each code covers 2^e values (`e` extra bits), and 2^k codes share each `e`.
   */
  const backReference = (v: number, k: number) => {
    const e = v < 1 << k ? 0 : 31 - Math.clz32(v) - k;
    const code = e ? ((e + 1) << k) + ((v >> e) & ((1 << k) - 1)) : v;
    if (k > 1) symbol(257 + code);
    else huffman(code, 5);
    write(v & ((1 << e) - 1), e);
  };

  write(3, 3); // BFINAL (the only block), BTYPE 01: fixed Huffman codes
  // Hash chains: `head` holds the latest position of each 3-byte hash, `prev` the one before it.
  const head = new Int32Array(1 << 15).fill(-1);
  const prev = new Int32Array(1 << 15);
  const hash = (i: number) => ((input[i] << 10) ^ (input[i + 1] << 5) ^ input[i + 2]) & 0x7fff;
  // Near the end the hash reads past the input (undefined, taken as 0): harmless, as every match is
  // checked byte by byte and never runs past the end.
  const insert = (i: number) => {
    const h = hash(i);
    prev[i & 0x7fff] = head[h];
    head[h] = i;
  };

  for (let i = 0; i < n;) {
    let best = 0;
    let distance = 0;
    const max = Math.min(MAX_MATCH, n - i);
    for (let candidate = head[hash(i)], chain = MAX_CHAIN; candidate >= 0 && i - candidate <= 32768 && chain--; candidate = prev[candidate & 0x7fff]) {
      if (input[candidate + best] === input[i + best]) {
        let length = 0;
        while (length < max && input[candidate + length] === input[i + length]) length++;
        if (length > best) {
          best = length;
          distance = i - candidate;
          if (length === max) break;
        }
      }
    }
    if (best > 2) {
      // OTLP JSON repeats long stretches, so matches of the maximum length are common.
      if (best === MAX_MATCH) symbol(285);
      else backReference(best - 3, 2);
      backReference(distance - 1, 1);
      for (const end = i + best; i < end;) insert(i++);
    } else {
      symbol(input[i]);
      insert(i++);
    }
  }
  symbol(256); // end of block
  write(0, 7); // pads the last byte

  let crc = -1;
  const table = (crcTable ??= buildCrcTable());
  for (const byte of input) crc = table[(crc ^ byte) & 255] ^ (crc >>> 8);
  for (const value of [~crc, n]) for (let k = 0; k < 32; k += 8) out[pos++] = value >>> k;
  return out.subarray(0, pos);
}
