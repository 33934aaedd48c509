/**
 * A small synchronous gzip (RFC 1952 around one RFC 1951 block with the fixed Huffman code), for the
 * page-hide path only: `CompressionStream` is asynchronous, and work scheduled after `pagehide` may
 * never run. OTLP JSON repeats itself a lot (keys, ids, URLs), so back-references alone shrink it several
 * times, which lets far more spans fit the 64 KiB keepalive budget than uncompressed JSON would.
 */

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

const WINDOW = 32768;
const MAX_MATCH = 258;
/** Candidates tried per position: enough for repetitive JSON, bounded so a hostile input stays fast. */
const MAX_CHAIN = 32;

interface Tables {
  crc: Int32Array;
  /** Fixed Huffman literal/length codes, bit-reversed (deflate writes Huffman codes from their top bit). */
  code: Uint16Array;
  bits: Uint8Array;
  /** Length 3..258 -> length symbol index 0..28. */
  lengthIndex: Uint8Array;
}
let tables: Tables | undefined;

function reverse(value: number, length: number): number {
  let out = 0;
  for (let i = 0; i < length; i++, value >>= 1) out = (out << 1) | (value & 1);
  return out;
}

function buildTables(): Tables {
  const crc = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc[n] = c;
  }
  const code = new Uint16Array(288);
  const bits = new Uint8Array(288);
  for (let s = 0; s < 288; s++) {
    const [base, first, length] = s < 144 ? [0x30, 0, 8] : s < 256 ? [0x190, 144, 9] : s < 280 ? [0, 256, 7] : [0xc0, 280, 8];
    code[s] = reverse(base + s - first, length);
    bits[s] = length;
  }
  const lengthIndex = new Uint8Array(MAX_MATCH + 1);
  for (let i = 0, length = 3; length <= MAX_MATCH; length++) {
    if (i < 28 && length >= LENGTH_BASE[i + 1]) i++;
    lengthIndex[length] = i;
  }
  return { crc, code, bits, lengthIndex };
}

/** Gzips `text` (as UTF-8) synchronously. */
export function gzipSync(text: string): Uint8Array {
  const t = (tables ??= buildTables());
  const input = new TextEncoder().encode(text);
  const n = input.length;
  // At most 9 bits per input byte (a literal); a back-reference never costs more than its bytes would.
  const out = new Uint8Array(Math.ceil((n * 9) / 8) + 32);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  let pos = 10;
  let buffer = 0;
  let count = 0;
  const write = (value: number, length: number) => {
    buffer |= value << count;
    count += length;
    while (count >= 8) {
      out[pos++] = buffer & 0xff;
      buffer >>>= 8;
      count -= 8;
    }
  };
  const symbol = (s: number) => write(t.code[s], t.bits[s]);

  write(1, 1); // BFINAL: the only block
  write(1, 2); // BTYPE 01: fixed Huffman codes
  const head = new Int32Array(1 << 15).fill(-1);
  const prev = new Int32Array(WINDOW);
  const hash = (i: number) => ((input[i] << 10) ^ (input[i + 1] << 5) ^ input[i + 2]) & 0x7fff;
  const insert = (i: number) => {
    if (i + 2 >= n) return;
    const h = hash(i);
    prev[i & (WINDOW - 1)] = head[h];
    head[h] = i;
  };

  let i = 0;
  while (i < n) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + 2 < n) {
      const max = Math.min(MAX_MATCH, n - i);
      let candidate = head[hash(i)];
      for (let chain = MAX_CHAIN; candidate >= 0 && i - candidate <= WINDOW && chain > 0; chain--) {
        if (input[candidate + bestLength] === input[i + bestLength]) {
          let length = 0;
          while (length < max && input[candidate + length] === input[i + length]) length++;
          if (length > bestLength) {
            bestLength = length;
            bestDistance = i - candidate;
            if (length === max) break;
          }
        }
        candidate = prev[candidate & (WINDOW - 1)];
      }
    }
    if (bestLength >= 3) {
      const li = t.lengthIndex[bestLength];
      symbol(257 + li);
      write(bestLength - LENGTH_BASE[li], LENGTH_EXTRA[li]);
      let di = 29;
      while (DISTANCE_BASE[di] > bestDistance) di--;
      write(reverse(di, 5), 5);
      write(bestDistance - DISTANCE_BASE[di], DISTANCE_EXTRA[di]);
      for (const end = i + bestLength; i < end; i++) insert(i);
    } else {
      symbol(input[i]);
      insert(i++);
    }
  }
  symbol(256); // end of block
  if (count > 0) out[pos++] = buffer & 0xff;

  let crc = -1;
  for (let k = 0; k < n; k++) crc = t.crc[(crc ^ input[k]) & 0xff] ^ (crc >>> 8);
  crc ^= -1;
  for (const value of [crc, n]) for (let k = 0; k < 4; k++) out[pos++] = (value >>> (8 * k)) & 0xff;
  return out.subarray(0, pos);
}
