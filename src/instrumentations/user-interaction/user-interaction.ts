import { ROOT_CONTEXT, SpanKind, type Attributes } from '@opentelemetry/api';
import type { Activity } from '../activity/activity-tracker';
import { SDK_VERSION } from '../../sdk/version';
import { describeTarget, eventElement } from './interaction-target';
import { INTERACTION_ATTRIBUTES } from './semconv';
import type { UserInteractionOptions } from '../../config/types';
import type { BrowserInstrumentation } from '../types';

/**
 * One span per user gesture (`click "Add to cart"`, `submit form#checkout`, `keydown input[name="q"]`),
 * started from a capture-phase listener on `window` (before any page handler, delegated or not) and
 * followed by the activity tracker: requests the handlers start, also after `await` or in a timer,
 * become its children until it settles. Events of one gesture dispatched in the same task (Enter on a
 * field: keydown, the implicit click, submit) are one span; the later ones are recorded as span events.
 */
export const userInteractionInstrumentation: BrowserInstrumentation<'userInteraction'> = {
  name: 'userInteraction',
  setup({ tracerProvider, window: host, activities, timers, logger }, options) {
    const events = options.events;
    // Its idleMs and maxDurationMs (defaults filled in) are the settle timing.
    const settle = options;
    const tracer = tracerProvider.getTracer('otel-browser/user-interaction', SDK_VERSION);
    let current: { activity: Activity; types: Set<string> } | undefined;

    const start = (event: Event): void => {
      if (event.type === 'keydown' && ((event as KeyboardEvent).key !== 'Enter' || (event as KeyboardEvent).isComposing)) return;
      const element = eventElement(event);
      if (!element) return;
      // Enter in a text area or an editor is typing a new line, not a command.
      if (event.type === 'keydown' && (element.localName === 'textarea' || (element as HTMLElement).isContentEditable)) return;
      if (current) {
        // Same task, same gesture.
        if (!current.types.has(event.type)) {
          current.types.add(event.type);
          current.activity.span.addEvent(event.type, { [INTERACTION_ATTRIBUTES.tag]: element.localName });
        }
        return;
      }
      const target = describeTarget(element, options.text === true);
      const label = customLabel(options, element, event) ?? target.label;
      const attributes: Attributes = {
        [INTERACTION_ATTRIBUTES.event]: event.type,
        [INTERACTION_ATTRIBUTES.tag]: target.tag,
        [INTERACTION_ATTRIBUTES.path]: target.path,
      };
      if (target.id) attributes[INTERACTION_ATTRIBUTES.id] = target.id;
      if (event.type === 'keydown') attributes[INTERACTION_ATTRIBUTES.key] = 'Enter';
      // A gesture starts its own trace: an earlier interaction still settling is not its parent.
      const span = tracer.startSpan(`${event.type} ${label}`, { kind: SpanKind.INTERNAL, attributes, startTime: startTimeOf(event) }, ROOT_CONTEXT);
      const gesture = { activity: activities.follow(span, settle, ROOT_CONTEXT), types: new Set([event.type]) };
      current = gesture;
      timers.set(() => {
        if (current === gesture) current = undefined;
      }, 0);
    };

    const listener = (event: Event): void => {
      try {
        start(event);
      } catch (error) {
        logger.debugOnce('user-interaction', 'could not record an interaction', error);
      }
    };
    const listenerOptions = { capture: true, passive: true };
    for (const type of events) host.addEventListener(type, listener, listenerOptions);
    return () => {
      for (const type of events) host.removeEventListener(type, listener, listenerOptions);
    };
  },
};

function customLabel(options: UserInteractionOptions, element: Element, event: Event): string | undefined {
  if (!options.targetLabel) return undefined;
  try {
    const label = options.targetLabel(element, event);
    return typeof label === 'string' && label !== '' ? label.slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
}

/** The event's own time stamp (when the input happened, before any queueing delay), if it is sane. */
function startTimeOf(event: Event): number | undefined {
  const stamp = event.timeStamp;
  return typeof stamp === 'number' && stamp > 0 && stamp <= performance.now() ? stamp : undefined;
}
