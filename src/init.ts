import type { Config } from './config';
import { resolveConfig } from './config';
import { createExportPipeline } from './export/pipeline';
import { NOOP_HANDLE, type OtelBrowserHandle } from './handle';
import { getBuiltInInstrumentations } from './instrumentations';
import type { SdkContext, Teardown } from './instrumentations/types';
import { createLogger, LOG_PREFIX, type Logger } from './lib/logger';
import { createUrlRedactor } from './lib/redact';
import { createConsent } from './consent';
import { GlobalAttributesProcessor } from './processors/attributes';
import { createRequestPolicy, type RequestPolicy } from './propagation';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createProvider, unregisterGlobals } from './provider';
import { createResource } from './resource';
import { createSampler } from './sampling';

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
  const policy = createRequestPolicy(config, host.location.href);
  const consent = createConsent('granted');
  // Before any instrumentation wraps fetch: export requests must never be traced.
  const pipeline = createExportPipeline({ win: host, endpoint: config.endpoint, headers: config.headers, options: config.export, consent, logger, accept: (span) => !isIgnoredResource(span, policy) });
  const globalAttributes = new GlobalAttributesProcessor(config.attributes);
  const provider = createProvider({
    resource: createResource(config, host.navigator),
    sampler: createSampler(config.sampleRate),
    spanProcessors: [pipeline.openSpans, globalAttributes, pipeline.processor],
  });
  const context: SdkContext = {
    config,
    tracerProvider: provider,
    policy,
    logger,
    window: host,
    consent,
    redactUrl: createUrlRedactor(),
  };
  const teardowns = startInstrumentations(context);
  logger.debug('started', config);

  let stopped = false;
  const handle: OtelBrowserHandle = {
    forceFlush: () => (stopped ? Promise.resolve() : provider.forceFlush().catch((error) => logger.debug('flush failed', error))),
    shutdown: async () => {
      if (stopped) return;
      stopped = true;
      for (const teardown of teardowns.reverse()) safely(teardown, logger);
      await provider.shutdown().catch((error) => logger.debug('shutdown failed', error));
      pipeline.stop();
      unregisterGlobals();
      if (host[ACTIVE] === handle) delete host[ACTIVE];
      logger.debug('shut down');
    },
    setAttributes: (attributes) => {
      if (!stopped) globalAttributes.setAttributes(attributes ?? {});
    },
    getSessionId: () => undefined,
  };
  host[ACTIVE] = handle;
  return handle;
}

function startInstrumentations(context: SdkContext): Teardown[] {
  const available = getBuiltInInstrumentations();
  const teardowns: Teardown[] = [];
  for (const [name, options] of Object.entries(context.config.instrumentations)) {
    const instrumentation = available[name as keyof typeof available];
    if (!options || !instrumentation) continue;
    try {
      const teardown = instrumentation.setup(context, options);
      if (teardown) teardowns.push(teardown);
    } catch (error) {
      context.logger.error(`instrumentation ${name} failed to start; the others run on.`, error);
    }
  }
  return teardowns;
}

function safely(action: () => void, logger: Logger): void {
  try {
    action();
  } catch (error) {
    logger.debug('teardown failed', error);
  }
}

/**
 * The page-load instrumentation turns every resource timing entry into a span, including the
 * exporter's own requests and URLs the user ignores; those must not be exported.
 */
function isIgnoredResource(span: ReadableSpan, policy: RequestPolicy): boolean {
  return span.name === 'resourceFetch' && policy.isIgnored(String(span.attributes['url.full']));
}
