import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import { apiRequests, parseTraceparent, sleep, uniqueService } from '../../support/helpers';
import { useSdk } from '../../support/sdk';
import { byName, byUrl, clickOn, mount, type TimedSpan } from '../../support/interactions-helpers';

describe('user interactions', () => {
  const sdk = useSdk('interactions');

  beforeEach(() => {
    // Visible text names the targets in these tests (an opt-in: see test/privacy/personal-text.test.ts for the default).
    sdk.start({ propagateTo: [sdk.servers.api], instrumentations: { documentLoad: false, userInteraction: { text: true } } });
  });
  afterEach(() => {
    document.getElementById('mount')?.remove();
  });

  it('makes one span per click, named by the button text, with fetch and XHR after native await and in setTimeout as children', async () => {
    const root = mount(
      '<main><div class="product"><button id="add" class="btn primary"><svg width="10" height="10"></svg><span>Add to cart</span></button></div></main>',
    );
    // Delegation as React does it: one listener on the root, plus one on the button itself.
    let handled = 0;
    const onClick = async (event: Event) => {
      if (!(event.target as Element).closest('#add')) return;
      handled++;
      await fetch(`${sdk.servers.api}/items?id=after-click`);
      await sleep(30);
      await fetch(`${sdk.servers.api}/items?id=after-await`);
      await new Promise((resolve) => {
        const request = new XMLHttpRequest();
        request.open('GET', `${sdk.servers.api}/items?id=xhr-after-await`);
        request.onloadend = resolve;
        request.send();
      });
      setTimeout(() => void fetch(`${sdk.servers.api}/items?id=in-timeout`), 80);
    };
    root.addEventListener('click', onClick);
    root.querySelector('#add')!.addEventListener('click', () => handled++);
    // The handler must really use native await (esbuild target es2022 keeps it): zone.js could not follow it.
    expect(onClick.constructor.name).to.equal('AsyncFunction');
    expect(onClick.toString()).to.contain('await fetch');

    await clickOn(root.querySelector('#add svg')!);
    const spans = (await sdk.spans((all) => all.some((x) => x.name.startsWith('click')) && !!byUrl(all, 'in-timeout'))) as TimedSpan[];

    expect(handled).to.equal(2);
    const clicks = spans.filter((x) => x.name.startsWith('click'));
    expect(clicks.map((x) => x.name)).to.deep.equal(['click "Add to cart"']);
    const click = clicks[0];
    expect(click.parentSpanId).to.equal(undefined);
    expect(click.attributes['interaction.event']).to.equal('click');
    expect(click.attributes['interaction.target.tag']).to.equal('button');
    expect(click.attributes['interaction.target.id']).to.equal('add');
    expect(click.attributes['interaction.target.path']).to.equal('button#add');
    for (const id of ['after-click', 'after-await', 'xhr-after-await', 'in-timeout']) {
      const request = byUrl(spans, id) as TimedSpan;
      expect(request.parentSpanId, id).to.equal(click.spanId);
      expect(request.traceId, id).to.equal(click.traceId);
      // The span lasts until the work it caused is done.
      expect(click.end, id).to.be.at.least(request.end);
      const header = parseTraceparent((await apiRequests()).api.find((r) => r.query.id === id)!.headers.traceparent);
      expect(header?.traceId, id).to.equal(click.traceId);
    }
  });

  it('does not attach a request made long after the interaction settled', async () => {
    const root = mount('<button id="noop">Nothing</button>');
    root.querySelector('#noop')!.addEventListener('click', () => undefined);
    await clickOn(root.querySelector('#noop')!);
    await sdk.spans((all) => byName(all, 'click "Nothing"').length === 1);
    await fetch(`${sdk.servers.api}/items?id=long-after`);
    const spans = await sdk.spans((all) => !!byUrl(all, 'long-after'));
    const click = byName(spans, 'click "Nothing"')[0] as TimedSpan;
    const late = byUrl(spans, 'long-after')!;
    expect(late.parentSpanId).to.equal(undefined);
    expect(late.traceId).to.not.equal(click.traceId);
    // Nothing happened after the click: its end is trimmed to the handlers, not the idle wait.
    expect(click.end - click.start).to.be.below(500);
  });

  it('makes one span for Enter in a form field (keydown, implicit click and submit) when keydown is listened to', async () => {
    await sdk.otel!.shutdown();
    sdk.start({
      propagateTo: [sdk.servers.api],
      instrumentations: { documentLoad: false, userInteraction: { events: ['click', 'submit', 'keydown'], text: true } },
    });
    const root = mount('<form id="search" action="#"><input name="q" value="secret words"><button type="submit">Go</button></form>');
    const form = root.querySelector('form')!;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      await fetch(`${sdk.servers.api}/items?id=search-submit`);
    });
    const input = root.querySelector('input')!;
    input.focus();
    await sendKeys({ press: 'a' }); // not Enter: no span
    await sendKeys({ press: 'Enter' });
    const notes = document.createElement('textarea');
    root.append(notes);
    notes.focus();
    await sendKeys({ press: 'Enter' }); // a new line, not a command: no span
    const spans = await sdk.spans((all) => all.some((x) => x.name.startsWith('keydown')) && !!byUrl(all, 'search-submit'));
    const gestures = spans.filter((x) => /^(keydown|click|submit) /.test(x.name));
    await sleep(700); // past idleMs: a span for the textarea Enter would have ended
    await sdk.otel!.forceFlush();
    expect(gestures.map((x) => x.name)).to.deep.equal(['keydown input[name="q"]']);
    expect((await sdk.spans(() => true)).filter((x) => x.name.startsWith('keydown')).length).to.equal(1);
    const keydown = gestures[0];
    expect(keydown.attributes['interaction.key']).to.equal('Enter');
    expect(keydown.events.map((e) => e.name)).to.include('submit');
    expect(byUrl(spans, 'search-submit')!.parentSpanId).to.equal(keydown.spanId);
    expect(JSON.stringify(spans)).to.not.contain('secret words');
  });

  it('by default names Enter in a form field by the implicit click on the submit button', async () => {
    const root = mount('<form action="#"><input name="q"><button type="submit">Search</button></form>');
    root.querySelector('form')!.addEventListener('submit', (event) => event.preventDefault());
    root.querySelector('input')!.focus();
    await sendKeys({ press: 'Enter' });
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'click "Search"'));
    expect(spans.filter((x) => /^(keydown|click|submit) /.test(x.name)).map((x) => x.name)).to.deep.equal(['click "Search"']);
    expect(byName(spans, 'click "Search"')[0].events.map((e) => e.name)).to.deep.equal(['submit']);
  });

  it('names a submit by its form, and a click on a large element by a short selector, never its whole text', async () => {
    const long = 'A very long paragraph of product description that goes on and on. '.repeat(20);
    const root = mount(
      `<form id="checkout"><button type="submit" aria-label="Place order">✓</button></form><div class="card"><p>${long}</p></div><a href="#x">${long}</a>`,
    );
    root.querySelector('form')!.addEventListener('submit', (event) => event.preventDefault());
    await clickOn(root.querySelector('form button')!);
    await sleep(50);
    await clickOn(root.querySelector('.card p')!);
    await sleep(50);
    root.querySelector('a')!.addEventListener('click', (event) => event.preventDefault());
    await clickOn(root.querySelector('a')!);
    const spans = await sdk.spans((all) => all.filter((x) => x.name.startsWith('click')).length >= 3);
    const names = spans.filter((x) => x.name.startsWith('click') || x.name.startsWith('submit')).map((x) => x.name);
    expect(names).to.have.members(['click "Place order"', 'click p', 'click a']);
    const order = byName(spans, 'click "Place order"')[0];
    expect(order.events.map((e) => e.name)).to.include('submit');
    expect(byName(spans, 'click p')[0].attributes['interaction.target.path']).to.equal('div#mount > div.card > p');
    expect(JSON.stringify(spans)).to.not.contain('goes on and on');
  });

  it('records only the configured events', async () => {
    await sdk.otel!.shutdown();
    sdk.service = uniqueService('interactions-events');
    sdk.start({ instrumentations: { documentLoad: false, userInteraction: { events: ['dblclick'], idleMs: 100, text: true } } });
    // Two clicks on two buttons, not one: two quick clicks on one spot are a double click to WebKit's
    // WebDriver input, which would add a real dblclick to the one dispatched below.
    const root = mount('<button id="once">Once</button><p style="margin: 80px">apart</p><button id="twice">Twice</button>');
    const button = root.querySelector('#twice')!;
    await clickOn(root.querySelector('#once')!);
    await clickOn(button);
    button.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    const spans = await sdk.spans((all) => all.some((x) => x.name.startsWith('dblclick')));
    await sleep(300); // past idleMs (100): click spans, if any, would have ended
    await sdk.otel!.forceFlush();
    const all = await sdk.spans(() => true);
    expect(all.filter((x) => x.name.startsWith('click'))).to.deep.equal([]);
    expect(byName(spans, 'dblclick "Twice"').length).to.equal(1);
  });
});
