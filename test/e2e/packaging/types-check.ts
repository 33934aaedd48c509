// Compiled by the packaging test with skipLibCheck: false, under moduleResolution "bundler" and under
// module "node16": the published types must compile for an app on either api line, and be real types.
import { trace, type Attributes } from '@opentelemetry/api';
import {
  init,
  type Config,
  type FetchOptions,
  type LongTasksOptions,
  type OtelBrowserGlobal,
  type OtelBrowserHandle,
  type UserInteractionOptions,
} from 'otel-browser';

// The app's own api types (1.9 or 1.10) go into the SDK's options and methods.
const attributes: Attributes = { 'app.tenant': 'acme', 'app.build': 42 };
const fetchOptions: FetchOptions = { networkEvents: false };
const interactions: UserInteractionOptions = { events: ['click'], targetLabel: (element) => element.id || undefined };
const longTasks: LongTasksOptions = { thresholdMs: 100, entryType: 'longtask' };
const config: Config = {
  endpoint: '/v1/traces',
  serviceName: 'shop-web',
  attributes,
  sampleRate: 0.5,
  instrumentations: { fetch: fetchOptions, userInteraction: interactions, longTasks, xhr: true, errors: false },
};
const otel: OtelBrowserHandle = init(config);
otel.setAttributes(attributes);
const flushed: Promise<void> = otel.forceFlush();
const session: string | undefined = otel.getSessionId();
trace.getTracer('app').startSpan('manual').end();

// The script tag's global, for pages that load it and type their own code.
declare const OtelBrowser: OtelBrowserGlobal;
OtelBrowser.trace.getTracer('page').startSpan('from-script').end();
OtelBrowser.propagation.inject(OtelBrowser.context.active(), {});
export { flushed, session };
