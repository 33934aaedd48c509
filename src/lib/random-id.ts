// Captured at load, for the fallback: page code that replaces Math.random later cannot make it throw.
const random = Math.random;
const floor = Math.floor;

/** `bytes` random bytes as lowercase hex, from `crypto` where the page has it. */
export function randomHex(win: { crypto?: Crypto }, bytes: number): string {
  const buffer = new Uint8Array(bytes);
  try {
    win.crypto!.getRandomValues(buffer);
  } catch {
    for (let i = 0; i < buffer.length; i++) buffer[i] = floor(random() * 256);
  }
  let hex = '';
  for (let i = 0; i < buffer.length; i++) hex += (buffer[i] < 16 ? '0' : '') + buffer[i].toString(16);
  return hex;
}
