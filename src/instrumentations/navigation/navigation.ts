import { context, ROOT_CONTEXT, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import { parseUrl } from '../../lib/url';
import { SDK_VERSION } from '../../sdk/version';
import type { NavigationOptions } from '../../config/types';
import { defaultRouteName } from './route-name';
import { ROUTE_ATTRIBUTES } from './semconv';
import type { BrowserInstrumentation } from '../types';
import { guard } from '../../lib/guard';

type HistoryMethod = 'pushState' | 'replaceState';

/**
 * SPA route changes: `history.pushState`/`replaceState`, `popstate` and `hashchange` that change the
 * URL produce a `route change /product/:id` span (from and to URLs redacted), followed by the activity
 * tracker so the requests of the new view are its children. A change made while handling a click is
 * that click's child. A URL that did not change (state-only `replaceState`, the `hashchange` that
 * follows a `popstate`) is not a route change.
 */
export const navigationInstrumentation: BrowserInstrumentation<'navigation'> = {
  name: 'navigation',
  setup({ tracerProvider, window: host, activities, redactUrl, logger }, options) {
    // Its idleMs and maxDurationMs (defaults filled in) are the settle timing.
    const settle = options;
    const tracer = tracerProvider.getTracer('otel-browser/navigation', SDK_VERSION);
    const routeSpans = new Set<string>();
    let lastUrl = host.location.href;

    const record = (trigger: string): void => {
      const to = host.location.href;
      if (to === lastUrl) return;
      const from = lastUrl;
      lastUrl = to;
      const url = new URL(to);
      const template = templateOf(options, url);
      const attributes: Attributes = {
        [ROUTE_ATTRIBUTES.from]: redactUrl(from),
        [ROUTE_ATTRIBUTES.to]: redactUrl(to),
        [ROUTE_ATTRIBUTES.trigger]: trigger,
      };
      if (template) attributes[ROUTE_ATTRIBUTES.template] = template;
      // Caused by a click: the click's child. A route change is never the child of an earlier one.
      const active = context.active();
      const activeId = trace.getSpan(active)?.spanContext().spanId;
      const parent = activeId && routeSpans.has(activeId) ? ROOT_CONTEXT : active;
      // The built-in name comes from the redacted URL, so whatever the redactor hides stays hidden.
      const span = tracer.startSpan(
        `route change ${template ?? defaultRouteName(parseUrl(redactUrl(to)) ?? url)}`,
        { kind: SpanKind.INTERNAL, attributes },
        parent,
      );
      const id = span.spanContext().spanId;
      routeSpans.add(id);
      activities.follow(span, settle, parent);
      // Only still-open route spans matter for the parent check; keep the set small.
      if (routeSpans.size > 16) for (const old of routeSpans) if (!activities.find(old)) routeSpans.delete(old);
    };
    let running = true;
    const safely = guard(
      (trigger: string) => running && record(trigger),
      (error) => logger.debugOnce('navigation', 'could not record a route change', error),
    );

    const history = host.history;
    const originals = new Map<HistoryMethod, History[HistoryMethod]>();
    const wrappers = new Map<HistoryMethod, History[HistoryMethod]>();
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method];
      const wrapper = function (this: History, ...args: Parameters<History[typeof method]>) {
        const result = original.apply(this, args);
        safely(method);
        return result;
      };
      originals.set(method, original);
      wrappers.set(method, wrapper);
      history[method] = wrapper;
    }
    const onPopState = () => safely('popstate');
    const onHashChange = () => safely('hashchange');
    // Capture phase: runs before the router's own listeners, so their requests see the span.
    host.addEventListener('popstate', onPopState, true);
    host.addEventListener('hashchange', onHashChange, true);

    return () => {
      running = false;
      host.removeEventListener('popstate', onPopState, true);
      host.removeEventListener('hashchange', onHashChange, true);
      for (const [method, original] of originals) {
        // Put the original back unless someone wrapped ours since; then ours stays, passing through.
        if (history[method] === wrappers.get(method)) history[method] = original as never;
      }
    };
  },
};

function templateOf(options: NavigationOptions, url: URL): string | undefined {
  if (!options.routeTemplate) return undefined;
  try {
    const template = options.routeTemplate(url);
    return typeof template === 'string' && template !== '' ? template.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
