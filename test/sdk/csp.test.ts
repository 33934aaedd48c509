import { expect } from 'chai';
import { servers, uniqueService, waitForSpans, type Servers } from '../support/helpers';
import { engine } from '../support/engine-support';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}
type CspWindow = Window & typeof globalThis & { cspViolations: Violation[]; otel?: { forceFlush(): Promise<void> }; OtelBrowser?: unknown };

/**
 * Opens a fixture under `default-src 'self'; script-src 'self'; connect-src 'self' <receiver>` (set by
 * the test server's /csp/ route) in an iframe, and resolves once the page and its scripts have loaded.
 */
async function openStrictPage(fixture: string, service: string): Promise<{ win: CspWindow; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  frame.src = `/csp/${fixture}?service=${service}`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return { win: frame.contentWindow as CspWindow, frame };
}

/** Does what a page does, so every instrumentation gets to run under the policy. */
async function exercise(win: CspWindow, id: string): Promise<void> {
  win.document.getElementById('buy')!.click();
  await win.fetch(`/echo?id=${id}`);
  await new Promise((resolve) => {
    const xhr = new win.XMLHttpRequest();
    xhr.open('GET', `/echo?id=${id}-xhr`);
    xhr.onloadend = resolve;
    xhr.send();
  });
  win.history.pushState({}, '', `${win.location.pathname}?service=x&route=${id}`);
}

describe('under a strict Content-Security-Policy', () => {
  let s: Servers;
  before(async () => {
    s = await servers();
  });

  for (const [label, fixture] of [
    ['the script-tag bundle', 'csp-iife.html'],
    ['the npm (ESM) build', 'csp-esm.html'],
  ]) {
    it(`${label} traces and exports with zero violations`, async () => {
      const service = uniqueService(`csp-${fixture.slice(4, -5)}`);
      const { win, frame } = await openStrictPage(fixture, service);
      try {
        const id = `csp-${fixture}`;
        await exercise(win, id);
        await win.otel?.forceFlush();
        const spans = await waitForSpans(
          service,
          (all) => all.some((x) => x.name === 'documentLoad') && all.some((x) => String(x.attributes['url.full']).includes(`id=${id}-xhr`)),
        );
        expect(spans.some((x) => String(x.attributes['url.full']).includes(`id=${id}`))).to.equal(true);
        expect(win.cspViolations).to.deep.equal([]);
      } finally {
        frame.remove();
      }
    });
  }

  it('the policy is really in force: a blocked request and eval are reported (control)', async () => {
    const { win, frame } = await openStrictPage('csp-iife.html', uniqueService('csp-control'));
    try {
      await win.fetch(`${s.other}/items?id=csp-control`).catch(() => undefined);
      expect(() => win.eval('1 + 1')).to.throw();
      // Reports are queued as tasks; WebKit delivers the eval one later than Chromium and Firefox do.
      for (let waited = 0; win.cspViolations.length < 2 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      // WebKit blocks the eval (it throws, above) but fired no securitypolicyviolation event for it in the
      // frame within 5 s (measured, WebKitGTK 2.50): there the blocked request is the reported violation.
      const reported = engine === 'webkit' ? ['connect-src'] : ['connect-src', 'script-src'];
      expect(win.cspViolations.map((v) => v.directive).sort()).to.deep.equal(reported);
    } finally {
      frame.remove();
    }
  });

  it('the bundle contains no eval, new Function or string timers', async () => {
    const code = await (await fetch('/raw/dist/otel-browser.min.js')).text();
    expect(code.length).to.be.greaterThan(10000);
    expect(code).to.not.match(/\beval\s*\(/);
    expect(code).to.not.match(/\bnew\s+Function\s*\(/);
    expect(code).to.not.match(/[^.\w]Function\s*\(\s*["'`]/);
    expect(code).to.not.match(/\bset(?:Timeout|Interval)\s*\(\s*["'`]/);
  });
});
