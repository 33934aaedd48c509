import { expect } from 'chai';
import { init } from '../../src/index';
import { describeException } from '../../src/instrumentations/errors/exception';
import { describeTarget } from '../../src/instrumentations/user-interaction/interaction-target';
import { defaultRouteName } from '../../src/instrumentations/navigation/route-name';
import { maskPersonal } from '../../src/privacy/personal-text';
import { uniqueService, waitForSpans } from '../support/helpers';
import { useSdk } from '../support/sdk';
import { clickOn, mount } from '../support/interactions-helpers';

describe('no personal text by default', () => {
  it('masks e-mail addresses and runs of digits in visible text', () => {
    expect(maskPersonal('bob@example.com')).to.equal('{email}');
    expect(maskPersonal('4111 1111 1111 1111')).to.equal('#');
    expect(maskPersonal('Visa 4242 exp 12/29')).to.equal('Visa # exp #');
    expect(maskPersonal('Call +1 (555) 010-9999')).to.equal('Call +# (#) #');
    expect(maskPersonal('Add to cart')).to.equal('Add to cart');
  });

  it('names targets from data-otel-name, id, name, aria-label, role or tag, never from text or values', () => {
    const root = mount(`
      <button id="b1">bob@example.com</button>
      <button>4111 1111 1111 1111</button>
      <input name="card" value="4111 1111 1111 1111">
      <input type="submit" value="Pay bob@example.com">
      <button aria-label="Remove order 123456">x</button>
      <div role="button">Ann Smith</div>
      <span data-otel-name="promo banner"><b>Buy!</b></span>
      <select id="pay"><option>Visa 4242 exp 12/29</option></select>`);
    const label = (selector: string, text = false) => describeTarget(root.querySelector(selector)!, text).label;
    expect(label('#b1')).to.equal('button#b1');
    expect(label('button:not([id]):not([aria-label])')).to.equal('button');
    expect(label('input[name=card]')).to.equal('input[name="card"]');
    expect(label('input[type=submit]')).to.equal('input');
    expect(label('[aria-label]')).to.equal('"Remove order #"');
    expect(label('[role=button]')).to.equal('div[role=button]');
    expect(label('b')).to.equal('promo banner');
    expect(label('option')).to.equal('option');
    // Opted in: visible text of buttons and links, masked; still never values or <option> text.
    expect(label('#b1', true)).to.equal('"{email}"');
    expect(label('button:not([id]):not([aria-label])', true)).to.equal('"#"');
    expect(label('input[type=submit]', true)).to.equal('input');
    expect(label('option', true)).to.equal('option');
    root.remove();
  });

  it('masks ids, tokens and e-mail addresses in built-in route names', () => {
    const name = (url: string) => defaultRouteName(new URL(url));
    expect(name('https://a.test/users/bob@example.com/settings')).to.equal('/users/:email/settings');
    expect(name('https://a.test/users/bob%40example.com')).to.equal('/users/:email');
    expect(name('https://a.test/reset/QwErTyUiOpAsDfGhJkLzXc')).to.equal('/reset/:id');
    expect(name('https://a.test/reset/abcdefghijklmnopqrstuv')).to.equal('/reset/:id');
    expect(name('https://a.test/orders/123e4567-e89b-12d3-a456-426614174000')).to.equal('/orders/:id');
    expect(name('https://a.test/#/confirm/bob@example.com?x=1')).to.equal('/#/confirm/:email');
    expect(name('https://a.test/help/how-to-bake-bread')).to.equal('/help/how-to-bake-bread');
  });

  it('summarises a rejected value that is not an Error, never serialising it', () => {
    const plain = describeException({ user: 'bob@example.com', password: 'hunter2', card: '4111111111111111' });
    expect(plain).to.deep.equal({ type: 'Object', message: '{user, password, card}' });
    expect(describeException('card 4111 1111 1111 1111 of bob@example.com')).to.deep.equal({ type: 'string', message: 'card # of {email}' });
    expect(describeException({ message: 'failed for order 991', code: 7 }).message).to.equal('failed for order #');
    expect(describeException(42)).to.deep.equal({ type: 'number', message: '#' });
    expect(describeException(`x${'y'.repeat(5000)}`).message.length).to.equal(200);
    const error = new TypeError('a developer message 42');
    expect(describeException(error).message).to.equal('a developer message 42');
  });
});

describe('click spans carry no personal text', () => {
  const sdk = useSdk('personal-text');

  afterEach(() => {
    document.getElementById('mount')?.remove();
  });

  it('by default: no e-mail address, card number or option text in any exported span', async () => {
    const service = uniqueService('personal-clicks');
    sdk.otel = init({ endpoint: `${sdk.servers.receiver}/v1/traces`, serviceName: service, instrumentations: { documentLoad: false } });
    const root = mount(`
      <button class="mail">bob@example.com</button>
      <a href="#card" class="card">4111 1111 1111 1111</a>
      <select id="pay" size="2"><option>Visa 4242 exp 12/29</option><option>Amex</option></select>`);
    root.querySelector('a')!.addEventListener('click', (event) => event.preventDefault());
    await clickOn(root.querySelector('button')!);
    await clickOn(root.querySelector('a')!);
    await clickOn(root.querySelector('option')!);
    const spans = await waitForSpans(service, (all) => all.filter((x) => x.name.startsWith('click')).length >= 3);
    const names = spans.filter((x) => x.name.startsWith('click')).map((x) => x.name);
    expect(names).to.include.members(['click button.mail', 'click a.card']);
    const everything = JSON.stringify(spans);
    for (const personal of ['bob@example.com', '4111', 'Visa', '4242']) expect(everything).to.not.contain(personal);
  });

  it('with text: true, visible text names the span, masked', async () => {
    const service = uniqueService('personal-clicks-text');
    sdk.otel = init({
      endpoint: `${sdk.servers.receiver}/v1/traces`,
      serviceName: service,
      instrumentations: { documentLoad: false, userInteraction: { text: true } },
    });
    const root = mount('<button>Order 12345 for bob@example.com</button><button>Add to cart</button>');
    await clickOn(root.querySelectorAll('button')[0]);
    await clickOn(root.querySelectorAll('button')[1]);
    const spans = await waitForSpans(service, (all) => all.filter((x) => x.name.startsWith('click')).length >= 2);
    expect(spans.filter((x) => x.name.startsWith('click')).map((x) => x.name)).to.have.members(['click "Order # for {email}"', 'click "Add to cart"']);
  });
});
