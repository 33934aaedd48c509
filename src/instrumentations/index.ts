import type { InstrumentationName } from '../config/types';
import { documentLoadInstrumentation } from './document-load/document-load';
import { errorsInstrumentation } from './errors/errors';
import { fetchInstrumentation } from './fetch/fetch';
import { navigationInstrumentation } from './navigation/navigation';
import { userInteractionInstrumentation } from './user-interaction/user-interaction';
import { longTasksInstrumentation } from './long-tasks/long-tasks';
import type { BrowserInstrumentation } from './types';
import { webVitalsInstrumentation } from './web-vitals/web-vitals';
import { xhrInstrumentation } from './xhr/xhr';

/** The built-in instrumentations, by name, each typed with its own options. */
export type BuiltInInstrumentations = { [N in InstrumentationName]: BrowserInstrumentation<N> };

/** The built-in instrumentations, by name. */
export function getBuiltInInstrumentations(): BuiltInInstrumentations {
  return {
    fetch: fetchInstrumentation,
    xhr: xhrInstrumentation,
    documentLoad: documentLoadInstrumentation,
    userInteraction: userInteractionInstrumentation,
    navigation: navigationInstrumentation,
    errors: errorsInstrumentation,
    webVitals: webVitalsInstrumentation,
    longTasks: longTasksInstrumentation,
  };
}
