import { expect } from 'chai';

/** Adds a script tag for the bundle with `integrity` to a fresh blank page; resolves to whether it ran. */
async function loadWithIntegrity(integrity: string): Promise<{ loaded: boolean; defined: boolean }> {
  const frame = document.createElement('iframe');
  frame.src = '/test/fixtures/blank.html';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as Window & { OtelBrowser?: unknown };
  const script = win.document.createElement('script');
  script.src = '/raw/dist/otel-browser.min.js';
  script.integrity = integrity;
  script.crossOrigin = 'anonymous';
  const loaded = await new Promise<boolean>((resolve) => {
    script.addEventListener('load', () => resolve(true), { once: true });
    script.addEventListener('error', () => resolve(false), { once: true });
    win.document.head.append(script);
  });
  const defined = typeof win.OtelBrowser === 'object';
  frame.remove();
  return { loaded, defined };
}

// The bundle is loaded through /raw/: the dev server rewrites JavaScript it serves, a CDN does not.
describe('Subresource Integrity (dist/otel-browser.min.js.sri)', () => {
  let integrity: string;
  before(async () => {
    integrity = (await (await fetch('/raw/dist/otel-browser.min.js.sri')).text()).trim();
  });

  it('holds the sha384 of the bundle as built', async () => {
    expect(integrity).to.match(/^sha384-[A-Za-z0-9+/]{64}$/);
    const bytes = await (await fetch('/raw/dist/otel-browser.min.js')).arrayBuffer();
    const digest = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-384', bytes))));
    expect(integrity).to.equal(`sha384-${digest}`);
  });

  it('lets the browser run the bundle with that integrity, and refuses it with another', async () => {
    expect(await loadWithIntegrity(integrity)).to.deep.equal({ loaded: true, defined: true });
    const wrong = `sha384-${'A'.repeat(64)}`;
    expect(await loadWithIntegrity(wrong)).to.deep.equal({ loaded: false, defined: false });
  });
});
