/** Two hex digits for each byte value. Built by a plain loop: it runs when the SDK loads, where a callback per entry costs more. */
const HEX: string[] = [];
for (let byte = 0; byte < 256; byte++) HEX.push('0123456789abcdef'[byte >> 4] + '0123456789abcdef'[byte & 15]);

/**
 * Random bytes drawn from `crypto.getRandomValues` 4 KB at a time: one call per ~170 spans instead of
 * two per span (each call crosses into the engine, which measured as the largest cost of starting a span).
 * Every id the SDK makes comes from here: trace and span ids, session and page-view ids, metric and
 * stored-batch ids.
 */
const pool = new Uint8Array(4096);
let next = pool.length;

// Captured when the SDK loads: a page that later replaces them (a mock, a broken polyfill) cannot make
// starting a span, or a session, throw.
const crypto = globalThis.crypto;
const getRandomValues = crypto && typeof crypto.getRandomValues === 'function' ? crypto.getRandomValues : undefined;
const random = Math.random;
const floor = Math.floor;

function refill(): void {
  try {
    if (!getRandomValues) throw new Error('no Web Crypto');
    getRandomValues.call(crypto, pool);
  } catch {
    // No Web Crypto (very old engines, some test environments): ids need to be unique, not secret.
    for (let i = 0; i < pool.length; i++) pool[i] = floor(random() * 256);
  }
  next = 0;
}

/** `bytes` random bytes (at most the pool's 4096) as lowercase hex; never all zeros, which is invalid for trace and span ids. */
export function randomHex(bytes: number): string {
  let id = '';
  let any = 0;
  while (!any) {
    if (next + bytes > pool.length) refill();
    id = '';
    for (let i = 0; i < bytes; i++) {
      const byte = pool[next++];
      any |= byte;
      id += HEX[byte];
    }
  }
  return id;
}
