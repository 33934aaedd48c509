import { maskPersonal } from '../../privacy/personal-text';

/**
 * Describes the element a user interacted with, for span names and attributes: short, low-cardinality
 * and not personal by construction (never a form control's value or an `<option>`'s text, never the
 * text of a large element; visible text only when asked for, with digits and e-mail addresses masked).
 */

/** Elements a click "means": a click on an icon inside a button is a click on the button. */
const INTERACTIVE =
  'a[href],button,input,select,textarea,summary,label,option,[role=button],[role=link],[role=menuitem],[role=tab],[role=checkbox],[role=radio],[role=switch],[role=option],[data-otel-name]';

/** Elements whose visible text names them (a `div`'s text is content, not a name; an `<option>`'s is the user's choice). */
const NAMED_BY_TEXT = 'a,button,summary,label,[role=button],[role=link],[role=menuitem],[role=tab]';

/** Text labels longer than this are not used: long text is content, and would make names unique. */
export const MAX_TEXT_LABEL = 40;
const MAX_PATH_DEPTH = 5;
const MAX_PATH_LENGTH = 200;

export interface TargetDescription {
  element: Element;
  /** `"Add to cart"` (quoted visible name) or `button#checkout` (a short selector). */
  label: string;
  tag: string;
  id?: string;
  /** A CSS-like path of up to 5 elements ending at the target: `form#checkout > div.actions > button`. */
  path: string;
}

/** The element an event is about: the interactive ancestor of what was hit, inside shadow roots too. */
export function eventElement(event: Event): Element | undefined {
  const first = typeof event.composedPath === 'function' ? event.composedPath()[0] : event.target;
  const element = first instanceof Element ? first : event.target instanceof Element ? event.target : undefined;
  if (!element) return undefined;
  if (event.type === 'submit') return element;
  return element.closest(INTERACTIVE) ?? element;
}

/**
 * @param useText whether visible text (a button's or link's text) may name the target; by default only
 * stable sources do: `data-otel-name`, then `id` or `name`, then `aria-label`, then `role`, then the tag.
 */
export function describeTarget(element: Element, useText = false): TargetDescription {
  const tag = element.localName;
  const id = element.id && element.id.length <= MAX_TEXT_LABEL ? element.id : undefined;
  return { element, label: labelOf(element, useText), tag, id, path: cssPath(element) };
}

const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
/** Quoted, masked text, or undefined when there is none or it is too long to be a name. */
const quoted = (raw: string | null | undefined) => {
  const text = maskPersonal(collapse(raw));
  return text && text.length <= MAX_TEXT_LABEL ? `"${text}"` : undefined;
};

const explicitName = (element: Element) => collapse(element.closest('[data-otel-name]')?.getAttribute('data-otel-name')).slice(0, 80) || undefined;

function labelOf(element: Element, useText: boolean): string {
  const explicit = explicitName(element);
  if (explicit) return explicit;
  // Without text, an author's id or name is preferred to any text, even an aria-label.
  if (!useText && (element.id || element.getAttribute('name')) && selector(element) !== element.localName) return selector(element);
  const aria = quoted(element.getAttribute('aria-label'));
  if (aria) return aria;
  // Never a form control's value (what the user typed or chose), not even a submit button's.
  if (useText && element.matches(NAMED_BY_TEXT)) {
    const text = quoted(element.textContent);
    if (text) return text;
  }
  const role = element.getAttribute('role');
  return role && /^[a-z]{1,20}$/.test(role) && selector(element) === element.localName ? `${element.localName}[role=${role}]` : selector(element);
}

/** `tag#id`, else `tag[name="…"]` for form controls, else `tag.class` (a class without digits: generated ones churn), else `tag`. */
export function selector(element: Element): string {
  const tag = element.localName;
  if (element.id && element.id.length <= MAX_TEXT_LABEL) return `${tag}#${element.id}`;
  const name = element.getAttribute('name');
  if (name && name.length <= MAX_TEXT_LABEL) return `${tag}[name="${name}"]`;
  const stable = Array.from(element.classList).find((c) => !/\d/.test(c) && c.length <= MAX_TEXT_LABEL);
  return stable ? `${tag}.${stable}` : tag;
}

/** The target and up to four ancestors, stopping at an id (ids are meant to be unique) and at `body`. */
export function cssPath(element: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = element; node && parts.length < MAX_PATH_DEPTH; node = node.parentElement) {
    if (node.localName === 'body' || node.localName === 'html') break;
    const part = selector(node);
    parts.unshift(part);
    if (part.startsWith(`${node.localName}#`)) break;
  }
  const path = parts.join(' > ');
  return path.length > MAX_PATH_LENGTH ? path.slice(path.length - MAX_PATH_LENGTH) : path;
}
