import type { InstrumentationName } from '../config';
import { documentLoadInstrumentation } from './document-load';
import { errorsInstrumentation } from './errors';
import { fetchInstrumentation } from './fetch';
import { navigationInstrumentation } from './navigation';
import { userInteractionInstrumentation } from './user-interaction';
import { longTasksInstrumentation } from './long-tasks';
import type { BrowserInstrumentation } from './types';
import { webVitalsInstrumentation } from './web-vitals';
import { xhrInstrumentation } from './xhr';

/** The built-in instrumentations, by name. Names listed in config but absent here are accepted and do nothing yet. */
export function getBuiltInInstrumentations(): Partial<Record<InstrumentationName, BrowserInstrumentation>> {
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
