import { expect } from 'chai';
import { sendMouse } from '@web/test-runner-commands';
import type { app as App } from '../../fixtures/errors-app';
import { servers, sleep, uniqueService, waitForSpans, type ReceivedSpan, type Servers } from '../../support/helpers';

type AppWindow = Window & { app: typeof App };

/** A blank page in an iframe running the SDK from source, with the error scenarios of errors-app.ts. */
async function appFrame(): Promise<{ frame: HTMLIFrameElement; win: AppWindow }> {
  const frame = document.createElement('iframe');
  frame.src = '/test/fixtures/blank.html';
  frame.style.cssText = 'width:400px;height:120px';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as AppWindow;
  const script = win.document.createElement('script');
  script.type = 'module';
  script.src = '/test/fixtures/errors-app.ts';
  const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
  win.document.head.append(script);
  await loaded;
  return { frame, win };
}

async function clickInFrame(frame: HTMLIFrameElement, element: Element): Promise<void> {
  const outer = frame.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(outer.x + box.x + box.width / 2), Math.round(outer.y + box.y + box.height / 2)] });
}

const exceptionOf = (span: ReceivedSpan) => span.events.find((e) => e.name === 'exception')?.attributes ?? {};

describe('uncaught errors and unhandled rejections', () => {
  let s: Servers;
  let frame: HTMLIFrameElement;
  let win: AppWindow;
  let service: string;
  let otel: { shutdown(): Promise<void> };

  before(async () => {
    s = await servers();
  });
  beforeEach(async () => {
    ({ frame, win } = await appFrame());
    service = uniqueService('errors');
    otel = win.app.init({
      endpoint: `${s.receiver}/v1/traces`,
      serviceName: service,
      instrumentations: { documentLoad: false, userInteraction: { text: true } },
    });
    win.app.mount();
  });
  afterEach(async () => {
    await otel.shutdown();
    frame.remove();
  });

  it('records an error thrown by a click handler as an exception event on the click span', async () => {
    await clickInFrame(frame, win.document.getElementById('throws')!);
    const spans = await waitForSpans(service, (all) => all.some((x) => x.name === 'click "Throws"'));
    const click = spans.find((x) => x.name === 'click "Throws"')!;
    const exception = exceptionOf(click);
    expect(exception['exception.type']).to.equal('TypeError');
    expect(exception['exception.message']).to.equal('cannot read the cart from https://api.test/cart?token=REDACTED');
    expect(String(exception['exception.stacktrace'])).to.contain('errors-app.ts');
    expect(String(exception['exception.stacktrace'])).to.not.contain('abc123');
    expect(String(exception['code.file.path'])).to.contain('errors-app.ts');
    expect(exception['code.line.number']).to.be.a('number');
    expect(spans.filter((x) => x.name === 'uncaught error')).to.deep.equal([]);
  });

  it('records a rejection after a native await in a click handler on the click span', async () => {
    await clickInFrame(frame, win.document.getElementById('rejects')!);
    const spans = await waitForSpans(service, (all) => all.some((x) => x.name === 'click "Rejects"' && x.events.some((e) => e.name === 'exception')));
    const click = spans.find((x) => x.name === 'click "Rejects"')!;
    expect(exceptionOf(click)['exception.type']).to.equal('RangeError');
    expect(exceptionOf(click)['exception.message']).to.equal('quantity out of range');
    const echo = spans.find((x) => String(x.attributes['url.full']).includes('before-reject'))!;
    expect(echo.parentSpanId).to.equal(click.spanId);
  });

  it('gives errors outside any interaction a short span of their own with an error status', async () => {
    win.app.throwLater('lonely failure');
    win.app.rejectWith('plain reason');
    win.app.rejectWith({ code: 42 });
    const spans = await waitForSpans(service, (all) => all.filter((x) => /^(uncaught error|unhandled rejection)$/.test(x.name)).length >= 3);
    const thrown = spans.find((x) => x.name === 'uncaught error')!;
    expect(thrown.parentSpanId).to.equal(undefined);
    expect(thrown.status.code).to.equal(2);
    expect(thrown.status.message).to.equal('lonely failure');
    expect(thrown.attributes['error.type']).to.equal('Error');
    expect(exceptionOf(thrown)['exception.message']).to.equal('lonely failure');
    const rejections = spans.filter((x) => x.name === 'unhandled rejection').map((x) => exceptionOf(x));
    expect(rejections.map((e) => e['exception.message'])).to.have.members(['plain reason', '{code}']);
    expect(rejections.map((e) => e['exception.type'])).to.have.members(['string', 'Object']);
  });

  it('bounds message and stack length, and how often one error is recorded', async () => {
    win.app.throwLater(`huge ${'x'.repeat(5000)}`);
    win.app.throwTimes(8, 'same again');
    await sleep(300);
    const spans = await waitForSpans(service, (all) => all.filter((x) => x.name === 'uncaught error').length >= 6);
    await sleep(1200);
    const again = await waitForSpans(service, () => true);
    const errors = again.filter((x) => x.name === 'uncaught error').map((x) => exceptionOf(x));
    expect(errors.filter((e) => e['exception.message'] === 'same again').length).to.equal(5);
    const huge = errors.find((e) => String(e['exception.message']).startsWith('huge'))!;
    expect(String(huge['exception.message']).length).to.equal(1024);
    expect(String(huge['exception.stacktrace']).length).to.be.at.most(4096);
    expect(spans.length).to.be.greaterThan(0);
  });
});
