import { expect } from 'chai';
import { resolveConfig } from '../../../src/config';
import { ZONE_MISSING } from '../../../src/context/create-context-manager';
import { describeTarget } from '../../../src/instrumentations/user-interaction/interaction-target';
import { defaultRouteName } from '../../../src/instrumentations/navigation/route-name';
import { init } from '../../../src/index';
import type { OtelBrowserHandle } from '../../../src/sdk/handle';
import { servers, uniqueService, waitForSpans } from '../../support/helpers';
import { clickOn, mount } from '../../support/interactions-helpers';

const base = { endpoint: 'https://collector.example.com/v1/traces', serviceName: 'shop' };
const problemsOf = (input: Record<string, unknown>) => {
  const result = resolveConfig({ ...base, ...input }, 'https://shop.example.com/');
  return result.ok ? [] : result.problems;
};

describe('interaction, navigation and context-manager options', () => {
  it('accepts the defaults and valid options', () => {
    const result = resolveConfig(
      {
        ...base,
        contextManager: 'zone',
        instrumentations: { userInteraction: { events: ['click', 'dblclick'], idleMs: 0 }, navigation: { routeTemplate: () => '/x' } },
      },
      'https://shop.example.com/',
    );
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.config.contextManager).to.equal('zone');
    const plain = resolveConfig(base, 'https://shop.example.com/');
    expect(plain.ok && plain.config.contextManager).to.equal('default');
  });

  it('names the field and the value of each bad option', () => {
    expect(problemsOf({ contextManager: 'zones' })).to.deep.equal(['contextManager must be "default" or "zone"; got "zones"']);
    expect(problemsOf({ instrumentations: { userInteraction: { events: 'click' } } })).to.deep.equal([
      'instrumentations.userInteraction.events must be a non-empty list of DOM event names; got "click"',
    ]);
    expect(problemsOf({ instrumentations: { userInteraction: { events: [] } } })).to.deep.equal([
      'instrumentations.userInteraction.events must be a non-empty list of DOM event names; got []',
    ]);
    expect(problemsOf({ instrumentations: { userInteraction: { text: 'no' } } })).to.deep.equal([
      'instrumentations.userInteraction.text must be true or false; got "no"',
    ]);
    expect(problemsOf({ instrumentations: { userInteraction: { idleMs: -1 } } })).to.deep.equal([
      'instrumentations.userInteraction.idleMs must be a number of milliseconds >= 0; got -1',
    ]);
    expect(problemsOf({ instrumentations: { navigation: { routeTemplate: '/product/:id', maxDurationMs: 'long' } } })).to.deep.equal([
      'instrumentations.navigation.maxDurationMs must be a number of milliseconds >= 0; got "long"',
      'instrumentations.navigation.routeTemplate must be a function; got "/product/:id"',
    ]);
  });

  it('keeps the SDK off with one [otel-browser] error for a bad option', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const otel = init({ ...base, contextManager: 'fiber' as never });
      await otel.shutdown();
    } finally {
      console.error = original;
    }
    expect(errors.length).to.equal(1);
    expect(String(errors[0][0])).to.match(/^\[otel-browser\] invalid config, the SDK is off: contextManager must be "default" or "zone"; got "fiber"$/);
  });
});

describe('contextManager "zone" without zone.js', () => {
  it('warns once and traces with the default context manager', async () => {
    const s = await servers();
    const service = uniqueService('zone-missing');
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    let otel: OtelBrowserHandle | undefined;
    try {
      otel = init({
        endpoint: `${s.receiver}/v1/traces`,
        serviceName: service,
        contextManager: 'zone',
        instrumentations: { documentLoad: false, userInteraction: { text: true } },
      });
    } finally {
      console.warn = original;
    }
    try {
      expect(warnings.map((w) => w[0])).to.deep.equal([`[otel-browser] ${ZONE_MISSING}`]);
      const root = mount('<button>Still traced</button>');
      root.querySelector('button')!.addEventListener('click', async () => {
        await Promise.resolve();
        await fetch('/echo?id=zone-missing');
      });
      await clickOn(root.querySelector('button')!);
      const spans = await waitForSpans(
        service,
        (all) => all.some((x) => x.name === 'click "Still traced"') && all.some((x) => String(x.attributes['url.full']).includes('zone-missing')),
      );
      const click = spans.find((x) => x.name === 'click "Still traced"')!;
      expect(spans.find((x) => String(x.attributes['url.full']).includes('zone-missing'))!.parentSpanId).to.equal(click.spanId);
    } finally {
      await otel?.shutdown();
      document.getElementById('mount')?.remove();
    }
  });
});

describe('built-in names', () => {
  it('replaces id-like path segments in route names, and keeps hash routes', () => {
    const name = (url: string) => defaultRouteName(new URL(url));
    expect(name('https://shop.example.com/product/123?color=red')).to.equal('/product/:id');
    expect(name('https://shop.example.com/orders/5f0c6a3e-2b1d-4c8e-9f00-1234567890ab/items')).to.equal('/orders/:id/items');
    expect(name('https://shop.example.com/u/0123456789abcdef0123')).to.equal('/u/:id');
    expect(name('https://shop.example.com/help/getting-started')).to.equal('/help/getting-started');
    expect(name('https://shop.example.com/app/#/cart/42?x=1')).to.equal('/app/#/cart/:id');
    expect(name('https://shop.example.com/docs#section-2')).to.equal('/docs');
  });

  it('labels targets by short visible names, never by input values or long text', () => {
    const root = mount(`
      <button id="b1"><i></i> Add to cart </button>
      <input id="i1" type="submit" value="Pay now">
      <input type="email" name="email" value="someone@example.com">
      <a href="#" class="nav-link css-1x2y3z">${'Long link text '.repeat(10)}</a>
      <div role="button" aria-label="Close dialog">×</div>
      <span data-otel-name="promo banner"><b>Buy!</b></span>
      <button class="sc-a1b2 primary">${'x'.repeat(41)}</button>`);
    const label = (selector: string) => describeTarget(root.querySelector(selector)!, true).label;
    expect(label('#b1')).to.equal('"Add to cart"');
    // Never a form control's value, not even a submit button's.
    expect(label('#i1')).to.equal('input#i1');
    expect(label('input[type=email]')).to.equal('input[name="email"]');
    expect(label('a')).to.equal('a.nav-link');
    expect(label('[role=button]')).to.equal('"Close dialog"');
    expect(label('b')).to.equal('promo banner');
    expect(label('button.primary')).to.equal('button.primary');
    // text: false, where visible text may be personal: selectors and explicit names only.
    const withoutText = (selector: string) => describeTarget(root.querySelector(selector)!, false).label;
    expect(withoutText('#b1')).to.equal('button#b1');
    expect(withoutText('[role=button]')).to.equal('"Close dialog"');
    expect(withoutText('b')).to.equal('promo banner');
    root.remove();
  });

  it('follows a click into a shadow root (web components)', async () => {
    const s = await servers();
    const service = uniqueService('interactions-shadow');
    const otel = init({
      endpoint: `${s.receiver}/v1/traces`,
      serviceName: service,
      instrumentations: { documentLoad: false, userInteraction: { text: true } },
    });
    try {
      const root = mount('<shop-widget></shop-widget>');
      const shadow = root.querySelector('shop-widget')!.attachShadow({ mode: 'open' });
      shadow.innerHTML = '<button>Subscribe</button>';
      await clickOn(shadow.querySelector('button')!);
      await waitForSpans(service, (all) => all.some((x) => x.name === 'click "Subscribe"'));
    } finally {
      await otel.shutdown();
      document.getElementById('mount')?.remove();
    }
  });
});
