import { expect } from 'chai';
import { gzipSync } from '../../src/export/gzip-sync';

// The encoder computes deflate's length and distance codes instead of reading them from tables; these
// inputs make it emit every match length and distances across the whole 32 KiB window, and the browser's
// own inflater must read them back exactly.

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/** Letters no back-reference can shorten: a fixed pseudo-random sequence. */
function noise(length: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(97 + (x % 26));
  }
  return out;
}

describe('delivery: synchronous gzip, every length and distance code', () => {
  it('round-trips repeats of every length from 3 to 300', async () => {
    const source = noise(400, 3);
    let text = source;
    // A prefix of `source` of each length, separated by noise so each one is its own match.
    for (let length = 3; length <= 300; length++) text += `${noise(5, length)}${source.slice(0, length)}`;
    expect(await gunzip(gzipSync(text))).to.equal(text);
  });

  it('round-trips repeats at distances from 1 to past the 32 KiB window', async () => {
    const block = noise(12, 11);
    let text = block;
    // Filler grows so the next copy of `block` lies ever further back, ending beyond 32,768 bytes.
    for (let gap = 1; gap < 40000; gap = gap * 2 + 1) text += noise(gap, gap) + block;
    expect(await gunzip(gzipSync(text))).to.equal(text);
  });

  it('does not grow text that cannot be compressed by more than an eighth', async () => {
    const text = noise(20000, 5) + '€😀'.repeat(500);
    const zipped = gzipSync(text);
    expect(await gunzip(zipped)).to.equal(text);
    expect(zipped.length).to.be.below(new TextEncoder().encode(text).length * 1.125 + 32);
  });
});
