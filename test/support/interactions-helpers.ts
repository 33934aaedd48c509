// Helpers for the interaction, navigation and error tests: real input events and span lookups.
import { sendMouse } from '@web/test-runner-commands';
import type { ReceivedSpan } from './helpers';

/** A received span with its start and end times (ms since the epoch), as the test receiver decodes them. */
export type TimedSpan = ReceivedSpan & { start: number; end: number };

/** Clicks the middle of `element` with a real (trusted) mouse event from the browser's input pipeline. */
export async function clickOn(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** Puts `html` in a fresh container on the page and returns the container. */
export function mount(html: string): HTMLElement {
  document.getElementById('mount')?.remove();
  const root = document.createElement('div');
  root.id = 'mount';
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

export const byUrl = (spans: ReceivedSpan[], part: string) => spans.find((s) => String(s.attributes['url.full']).includes(part));
export const byName = (spans: ReceivedSpan[], name: string) => spans.filter((s) => s.name === name);
