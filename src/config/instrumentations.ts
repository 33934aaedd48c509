import { BOOLEAN, choice, FUNCTION, isNumberIn, isStringList, rule, toggle, type Rule } from './checks';
import { DEFAULT_INSTRUMENTATION_OPTIONS, DEFAULT_INSTRUMENTATIONS } from './defaults';
import type { InstrumentationName, ResolvedConfig } from './types';

/** Every instrumentation name, in the order of the defaults. */
export const INSTRUMENTATION_NAMES = Object.keys(DEFAULT_INSTRUMENTATIONS) as InstrumentationName[];

const DURATION = rule('a number of milliseconds >= 0', (value) => isNumberIn(value, 0));
const NETWORK_EVENTS = { networkEvents: BOOLEAN };

/** Each instrumentation's option rules. */
const OPTION_RULES: Record<InstrumentationName, Record<string, Rule>> = {
  fetch: NETWORK_EVENTS,
  xhr: NETWORK_EVENTS,
  documentLoad: { ...NETWORK_EVENTS, paintEvents: BOOLEAN },
  userInteraction: {
    events: rule('a non-empty list of DOM event names', (value) => isStringList(value) && value.length > 0),
    idleMs: DURATION,
    maxDurationMs: DURATION,
    targetLabel: FUNCTION,
    text: BOOLEAN,
  },
  navigation: { idleMs: DURATION, maxDurationMs: DURATION, routeTemplate: FUNCTION },
  errors: {},
  webVitals: { reportAllChanges: BOOLEAN },
  longTasks: { thresholdMs: DURATION, entryType: choice(['long-animation-frame', 'longtask']) },
};

/** The rules of `instrumentations`: one toggle per name, with that instrumentation's options. */
export const INSTRUMENTATION_RULES: Record<string, Rule> = Object.fromEntries(
  INSTRUMENTATION_NAMES.map((name) => [name, toggle(OPTION_RULES[name], DEFAULT_INSTRUMENTATION_OPTIONS[name])]),
);

/** What `instrumentations` resolves to when not given: the defaults' options, or `false` for those off. */
export const RESOLVED_INSTRUMENTATIONS = Object.fromEntries(
  INSTRUMENTATION_NAMES.map((name) => [name, DEFAULT_INSTRUMENTATIONS[name] && DEFAULT_INSTRUMENTATION_OPTIONS[name]]),
) as ResolvedConfig['instrumentations'];
