// The official OpenTelemetry browser SDK as its README sets it up: `quickStartBrowserSdk({ serviceName,
// exportUrl })`, which starts the traces and the logs signal, each with a batch processor and an OTLP/HTTP
// exporter to `exportUrl` with the signal's path (/v1/traces, /v1/logs). (With per-signal `processors`
// it adds an exporter only for a signal that names its own `exportConfig`; the quick start names none
// and passes none, so both signals export.) Instrumentations: fetch and XHR (upstream), and the browser
// events of `@opentelemetry/browser-instrumentation` (navigation, navigation timing, resource timing,
// user actions, web vitals, errors), which emit log records. Built from bench/.cache/peers (its own
// OpenTelemetry versions; see bench/peers/package.json).
import { trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { ErrorsInstrumentation } from '@opentelemetry/browser-instrumentation/experimental/errors';
import { NavigationInstrumentation } from '@opentelemetry/browser-instrumentation/experimental/navigation';
import { NavigationTimingInstrumentation } from '@opentelemetry/browser-instrumentation/experimental/navigation-timing';
import { ResourceTimingInstrumentation } from '@opentelemetry/browser-instrumentation/experimental/resource-timing';
import { UserActionInstrumentation } from '@opentelemetry/browser-instrumentation/experimental/user-action';
import { WebVitalsInstrumentation } from '@opentelemetry/browser-instrumentation/experimental/web-vitals';
import { quickStartBrowserSdk } from '@opentelemetry/browser-sdk';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request';

window.BenchSdk = {
  init({ endpoint, serviceName }) {
    const exportUrl = new URL(endpoint, location.href).origin;
    quickStartBrowserSdk({ serviceName, exportUrl });
    // The exporters' own requests must not become spans (the upstream docs' advice).
    const ignoreUrls = [/\/v1\/(traces|logs)$/];
    registerInstrumentations({
      instrumentations: [
        new FetchInstrumentation({ ignoreUrls, propagateTraceHeaderCorsUrls: [] }),
        new XMLHttpRequestInstrumentation({ ignoreUrls, propagateTraceHeaderCorsUrls: [] }),
        new ErrorsInstrumentation(),
        new NavigationInstrumentation(),
        new NavigationTimingInstrumentation(),
        new ResourceTimingInstrumentation(),
        new UserActionInstrumentation(),
        new WebVitalsInstrumentation(),
      ],
    });
    // The quick start's handle has only shutdown(); the registered providers flush.
    const flushOf = (provider) => provider?.getDelegate?.()?.forceFlush?.() ?? provider?.forceFlush?.();
    return { forceFlush: () => Promise.all([flushOf(trace.getTracerProvider()), flushOf(logs.getLoggerProvider())]) };
  },
  trace,
};
