import { expect } from 'chai';
import { sleep, type ReceivedSpan } from '../../support/helpers';
import { useSdk } from '../../support/sdk';
import { byUrl, clickOn, mount } from '../../support/interactions-helpers';

/**
 * A tiny SPA on the test page: links with data-link go through history.pushState, the back button
 * (popstate) and hash links re-render, and each product view loads its data with fetch.
 */
function startShop(root: HTMLElement, api: string): () => void {
  const render = async () => {
    const match = /^\/spa\/product\/(\d+)/.exec(location.pathname);
    if (match) await fetch(`${api}/items?id=product-${match[1]}-${location.hash.slice(1) || 'view'}`);
  };
  const onClick = (event: Event) => {
    const link = (event.target as Element).closest('a[data-link]') as HTMLAnchorElement | null;
    if (!link) return;
    event.preventDefault();
    history.pushState({}, '', link.href);
    void render();
  };
  const onPop = () => void render();
  root.addEventListener('click', onClick);
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}

const routes = (spans: ReceivedSpan[]) => spans.filter((x) => x.name.startsWith('route change'));

describe('SPA route changes', () => {
  const startUrl = location.href;
  // The test page's own URL carries wtr-session-id, a secret-looking parameter the redactor hides.
  const redactedStart = startUrl.replace(/wtr-session-id=[^&#]+/, 'wtr-session-id=REDACTED');
  let stopShop: () => void = () => undefined;
  // Registered ahead of the fixture's hooks: the shop stops before the SDK is shut down.
  afterEach(() => stopShop());
  const sdk = useSdk('navigation');
  afterEach(() => {
    history.replaceState(null, '', startUrl);
    document.getElementById('mount')?.remove();
  });

  const start = (navigation: boolean | Record<string, unknown> = true) => {
    sdk.start({ propagateTo: [sdk.servers.api], instrumentations: { documentLoad: false, navigation, userInteraction: { text: true } } });
    const root = mount('<nav><a data-link href="/spa/product/42?token=abc123&color=red">Blue shoe</a></nav>');
    stopShop = startShop(root, sdk.servers.api);
    return root;
  };

  it('records a click on a link as the parent of the route change, whose view requests are its children', async () => {
    const root = start();
    await clickOn(root.querySelector('a')!);
    const spans = await sdk.spans((all) => routes(all).length > 0 && !!byUrl(all, 'product-42-view') && all.some((x) => x.name.startsWith('click')));
    const click = spans.find((x) => x.name === 'click "Blue shoe"')!;
    const [route] = routes(spans);
    expect(route.name).to.equal('route change /spa/product/:id');
    expect(route.parentSpanId).to.equal(click.spanId);
    expect(route.traceId).to.equal(click.traceId);
    expect(route.attributes['route.trigger']).to.equal('pushState');
    expect(route.attributes['route.from.url']).to.equal(redactedStart);
    expect(route.attributes['route.to.url']).to.equal(`${location.origin}/spa/product/42?token=REDACTED&color=red`);
    expect(route.attributes['route.template']).to.equal(undefined);
    expect(byUrl(spans, 'product-42-view')!.parentSpanId).to.equal(route.spanId);
    expect(JSON.stringify(spans)).to.not.contain('abc123');
  });

  it('names the span by routeTemplate(url)', async () => {
    start({ routeTemplate: (url: URL) => (url.pathname.startsWith('/spa/product/') ? '/spa/product/:productId' : undefined) });
    history.pushState({}, '', '/spa/product/7');
    history.pushState({}, '', '/spa/about');
    const spans = await sdk.spans((all) => routes(all).length >= 2);
    const product = spans.find((x) => x.name === 'route change /spa/product/:productId')!;
    expect(product.attributes['route.template']).to.equal('/spa/product/:productId');
    expect(product.parentSpanId).to.equal(undefined);
    const about = spans.find((x) => x.name === 'route change /spa/about')!;
    expect(about.attributes['route.template']).to.equal(undefined);
    // A route change is not the child of the one before it.
    expect(about.parentSpanId).to.equal(undefined);
  });

  it('records the back button (popstate) and hash changes once each, and skips state-only replaceState', async () => {
    start();
    history.pushState({}, '', '/spa/product/9');
    await sleep(50);
    const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    history.back();
    await popped;
    history.replaceState({ scroll: 10 }, '', location.href); // same URL: not a route change
    history.pushState({}, '', '/spa/product/9');
    await sleep(50);
    location.hash = 'reviews'; // fires popstate and hashchange: one route change
    await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    const spans = await sdk.spans((all) => routes(all).length >= 4 && !!byUrl(all, 'product-9-reviews'));
    await sleep(200);
    const triggers = routes(spans).map((x) => x.attributes['route.trigger']);
    expect(triggers).to.have.members(['pushState', 'popstate', 'pushState', 'popstate']);
    const toReviews = routes(spans).find((x) => String(x.attributes['route.to.url']).endsWith('#reviews'))!;
    expect(toReviews.attributes['route.from.url']).to.equal(`${location.origin}/spa/product/9`);
    expect(byUrl(spans, 'product-9-reviews')!.parentSpanId).to.equal(toReviews.spanId);
    const back = routes(spans).find((x) => x.attributes['route.trigger'] === 'popstate' && x !== toReviews)!;
    expect(back.attributes['route.to.url']).to.equal(redactedStart);
  });

  it('names hash routes by their path and puts history back on shutdown', async () => {
    const original = history.pushState;
    start();
    expect(history.pushState).to.not.equal(original);
    location.hash = '/cart/3';
    await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    const spans = await sdk.spans((all) => routes(all).length >= 1);
    expect(routes(spans)[0].name).to.equal(`route change ${location.pathname}#/cart/:id`);
    await sdk.otel!.shutdown();
    expect(history.pushState).to.equal(original);
  });
});
