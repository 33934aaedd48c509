import { expect } from 'chai';
import { afterLoadWhenIdle } from '../../src/lib/idle';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('afterLoadWhenIdle (start-up work that can wait)', () => {
  it('runs the task later, not during the call, once the loaded page is idle', async () => {
    expect(document.readyState).to.equal('complete');
    let ran = 0;
    afterLoadWhenIdle(window, () => ran++);
    expect(ran, 'not during the call').to.equal(0);
    for (let i = 0; i < 40 && !ran; i++) await sleep(50);
    expect(ran).to.equal(1);
    await sleep(100);
    expect(ran, 'once').to.equal(1);
  });

  it('waits for the load event when the page is still loading', async () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    try {
      const win = frame.contentWindow as Window & typeof globalThis;
      // A document that has not fired load yet: opened, written, not closed.
      win.document.open();
      win.document.write('<p>loading</p>');
      expect(win.document.readyState).to.equal('loading');
      let ran = 0;
      afterLoadWhenIdle(win, () => ran++);
      await sleep(300);
      expect(ran, 'not before load').to.equal(0);
      win.document.close();
      for (let i = 0; i < 40 && !ran; i++) await sleep(50);
      expect(ran, 'after load').to.equal(1);
    } finally {
      frame.remove();
    }
  });

  it('does not run a task cancelled before its turn (shutdown right after init)', async () => {
    let ran = 0;
    const cancel = afterLoadWhenIdle(window, () => ran++);
    cancel();
    await sleep(300);
    expect(ran).to.equal(0);
  });
});
