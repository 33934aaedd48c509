/**
 * Gzips `text` with the browser's `CompressionStream`; `undefined` where that is missing or fails, and
 * the caller sends the body uncompressed. Asynchronous by nature, so the page-hide path (which must
 * send within the event) does not use it.
 */
export async function gzip(win: typeof globalThis, text: string): Promise<Uint8Array | undefined> {
  try {
    // Where `CompressionStream` is missing, `new` throws a TypeError, caught below like any other failure.
    const stream = new win.Blob([text]).stream().pipeThrough(new win.CompressionStream('gzip'));
    return new Uint8Array(await new win.Response(stream).arrayBuffer());
  } catch {
    return undefined;
  }
}

export const encoder = /* @__PURE__ */ new TextEncoder();

/** UTF-8 length of a body: what the keepalive budget and the collector count. */
export function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? encoder.encode(body).length : body.byteLength;
}
