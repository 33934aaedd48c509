import { expect } from 'chai';
import { gzipSync } from '../../src/export/gzip-sync';

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

function randomText(length: number, seed = 7): string {
  let x = seed;
  let out = '';
  const alphabet = 'abcdefghij{}":,0123456789 äöü€😀';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

describe('delivery: synchronous gzip for the page-hide path', () => {
  const cases: Record<string, string> = {
    empty: '',
    'one byte': 'a',
    'a long run': 'a'.repeat(100000),
    'random text with multi-byte characters': randomText(50000),
    'OTLP-like JSON past the 32 KiB window': JSON.stringify(
      Array.from({ length: 400 }, (_, i) => ({
        traceId: (i * 7919).toString(16).padStart(32, '0'),
        name: `HTTP GET ${i}`,
        attributes: [{ key: 'url.full', value: { stringValue: `http://127.0.0.1:8000/items?id=${i}` } }],
      })),
    ),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`round-trips ${name} through the browser's DecompressionStream`, async () => {
      const zipped = gzipSync(text);
      expect(await gunzip(zipped)).to.equal(text);
    });
  }

  it('shrinks OTLP JSON several times', () => {
    const text = cases['OTLP-like JSON past the 32 KiB window'];
    const zipped = gzipSync(text);
    console.log(`[delivery] gzipSync: ${text.length} -> ${zipped.length} bytes`);
    expect(zipped.length).to.be.below(text.length / 4);
  });
});
