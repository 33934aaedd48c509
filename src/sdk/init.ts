import { INSTRUMENTATION_NAMES, resolveConfig, type Config, type InstrumentationName, type ResolvedInstrumentationOptions } from '../config';
import { createConsent } from '../privacy/consent';
import { createPropagator } from '../privacy/consent-propagator';
import { ActivityTracker } from '../instrumentations/activity/activity-tracker';
import { createContextManager } from '../context/create-context-manager';
import { nativeTimers } from '../context/timers';
import { createExportPipeline } from '../export/pipeline';
import { NOOP_HANDLE, type OtelBrowserHandle } from './handle';
import { getBuiltInInstrumentations } from '../instrumentations';
import type { SdkContext, Teardown } from '../instrumentations/types';
import { guard } from '../lib/guard';
import { createLogger, LOG_PREFIX } from '../lib/logger';
import { createUrlRedactor } from '../privacy/redact';
import { createPageView } from '../session/page-view';
import { GlobalAttributesProcessor } from '../trace/global-attributes';
import { toSpanLimits } from '../privacy/limits';
import { PageProcessor } from '../session/page-processor';
import { createPrivacyPipeline } from '../privacy/privacy-pipeline';
import { SessionProcessor } from '../session/session-processor';
import { createRequestPolicy } from '../trace/request-policy';
import { isBrowserPage, notInBrowser } from '../lib/browser-guard';
import { afterLoadWhenIdle } from '../lib/idle';
import { createProvider, unregisterGlobals } from '../trace/provider';
import { createResource } from '../trace/resource';
import { createSampler } from '../trace/sampler';
import { createSessionManager } from '../session/session';
import { ProcessorChain } from '../trace/processor-chain';

/**
 * The running SDK lives on the window under a registry symbol, so two copies of the SDK on one page
 * (the script tag and an npm bundle, or the script loaded twice) still instrument only once.
 */
const ACTIVE = Symbol.for('otel-browser.active');
type Host = Window & typeof globalThis & { [ACTIVE]?: OtelBrowserHandle };

/**
 * Starts tracing the page. Never throws: with a bad config it prints one `[otel-browser]` error that
 * names the field and the value, and returns a handle whose methods do nothing.
 * Calling it again while the SDK runs returns the running SDK's handle.
 */
export function init(config: Config): OtelBrowserHandle {
  try {
    // Server-side rendering imports client code in Node: no page, so the no-op handle and one short line.
    if (!isBrowserPage(globalThis)) return notInBrowser();
    return start(config, globalThis as Host);
  } catch (error) {
    try {
      console.error(`${LOG_PREFIX} init failed; the SDK is off.`, error);
    } catch {
      // Nothing else can be done without risking the page.
    }
    return NOOP_HANDLE;
  }
}

function start(input: Config, host: Host): OtelBrowserHandle {
  const running = host[ACTIVE];
  if (running) {
    createLogger(false).warn('init() was called while the SDK is running; the first configuration stays (call shutdown() first to change it).');
    return running;
  }
  const resolved = resolveConfig(input, host.document?.baseURI ?? host.location.href);
  if (!resolved.ok) {
    createLogger(false).error(`invalid config, the SDK is off: ${resolved.problems.join('; ')}`);
    return NOOP_HANDLE;
  }
  const config = resolved.config;
  const logger = createLogger(config.debug);
  const consent = createConsent(config.privacy.consent);
  const redactUrl = createUrlRedactor(config.privacy.secretParams);
  const policy = createRequestPolicy(config, host.location.href, { consent, logger });
  const contextManager = createContextManager(config.contextManager, host, logger);
  const timers = nativeTimers(host);
  // Ends interaction and route spans still settling; also just before the page-hide flush, so they go with it.
  const activities = new ActivityTracker(contextManager, timers);
  // Before any instrumentation wraps fetch: export requests must never be traced.
  const pipeline = createExportPipeline({
    win: host,
    endpoint: config.endpoint,
    headers: config.headers,
    options: config.export,
    consent,
    logger,
    beforeHide: () => activities.endAll(),
  });
  const session = createSessionManager(config.session, { window: host, consent, logger });
  const sessionId = () => session.current().id;
  const pageView = createPageView(host);
  const globalAttributes = new GlobalAttributesProcessor(config.attributes);
  const provider = createProvider({
    resource: createResource(config, host.navigator),
    sampler: createSampler(config.sampleRate, sessionId),
    spanProcessors: [
      pipeline.openSpans,
      new SessionProcessor(sessionId),
      new PageProcessor(host.location, pageView, redactUrl),
      globalAttributes,
      activities,
      // Last: redaction, beforeSend, limits and the consent gate, in front of the export queue and the
      // user's own processors (which so see spans as they are exported).
      createPrivacyPipeline(new ProcessorChain([pipeline.processor, ...config.spanProcessors], logger), {
        privacy: config.privacy,
        redactor: redactUrl,
        consent,
        logger,
        drops: pipeline.drops,
      }),
    ],
    spanLimits: toSpanLimits(config.privacy.attributeLimits),
    propagator: createPropagator({ baggage: config.privacy.propagateBaggage, consent }),
    contextManager,
    logger,
  });
  const context: SdkContext = { config, tracerProvider: provider, policy, logger, window: host, consent, redactUrl, activities, timers };
  const teardowns = startInstrumentations(context);
  logger.debug('started', config);

  let stopped = false;
  const handle: OtelBrowserHandle = {
    forceFlush: () => (stopped ? Promise.resolve() : provider.forceFlush().catch((error) => logger.debug('flush failed', error))),
    shutdown: async () => {
      if (stopped) return;
      stopped = true;
      for (const teardown of teardowns.reverse()) guard(teardown, (error) => logger.debug('teardown failed', error))();
      session.stop();
      pageView.stop();
      await provider.shutdown().catch((error) => logger.debug('shutdown failed', error));
      pipeline.stop();
      unregisterGlobals();
      if (host[ACTIVE] === handle) delete host[ACTIVE];
      logger.debug('shut down');
    },
    setAttributes: (attributes) => {
      if (!stopped) globalAttributes.setAttributes(attributes ?? {});
    },
    getSessionId: () => (stopped ? undefined : sessionId()),
    setConsent: (state) => {
      if (stopped) return;
      if (consent.set(state)) logger.debug(`consent: ${state}`);
      else logger.warn('setConsent() takes "granted", "pending" or "denied"; this value was ignored:', state);
    },
  };
  host[ACTIVE] = handle;
  // Denied at start deletes what earlier pages stored (batches, session), as saying it later would.
  if (consent.get() === 'denied') consent.set('denied');
  return handle;
}

function startInstrumentations(context: SdkContext): Teardown[] {
  const available = getBuiltInInstrumentations();
  const teardowns: Teardown[] = [];
  // Generic over the name, so each instrumentation is handed its own options type.
  const startOne = <N extends InstrumentationName>(name: N): void => {
    const options = context.config.instrumentations[name];
    const instrumentation = available[name];
    if (!options) return;
    const start = (): void => {
      try {
        // `options` is not false here; TypeScript does not narrow a generic index.
        const teardown = instrumentation.setup(context, options as ResolvedInstrumentationOptions[N]);
        if (teardown) teardowns.push(teardown);
      } catch (error) {
        context.logger.error(`instrumentation ${name} failed to start; the others run on.`, error);
      }
    };
    if (instrumentation.deferred) teardowns.push(afterLoadWhenIdle(context.window, start));
    else start();
  };
  for (const name of INSTRUMENTATION_NAMES) startOne(name);
  return teardowns;
}
