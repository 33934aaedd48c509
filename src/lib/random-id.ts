/** `bytes` random bytes as lowercase hex, from `crypto` where the page has it. */
export function randomHex(win: { crypto?: Crypto }, bytes: number): string {
  const buffer = new Uint8Array(bytes);
  try {
    win.crypto!.getRandomValues(buffer);
  } catch {
    for (let i = 0; i < buffer.length; i++) buffer[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(buffer, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
