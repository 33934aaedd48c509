// Pages in an iframe of the test page, driven with the browser driver's real input events.
import { sendMouse } from '@web/test-runner-commands';

/** Loads `url` in `frame` (a new 600 × 400 iframe put first in the body unless one is given) and resolves once it has loaded. */
export function loadFrame<W extends Window>(url: string, frame = document.createElement('iframe')): Promise<{ frame: HTMLIFrameElement; win: W }> {
  frame.style.cssText = 'width: 600px; height: 400px; border: 0; display: block';
  frame.src = url;
  if (!frame.isConnected) document.body.prepend(frame);
  return new Promise((resolve) => frame.addEventListener('load', () => resolve({ frame, win: frame.contentWindow as unknown as W }), { once: true }));
}

/** Clicks the middle of an element inside the frame with a real mouse (the driver's input events). */
export async function clickInFrame(frame: HTMLIFrameElement, element: Element): Promise<void> {
  const outer = frame.getBoundingClientRect();
  const inner = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(outer.left + inner.left + inner.width / 2), Math.round(outer.top + inner.top + inner.height / 2)] });
}
