import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '../../lib/semconv';
import {
  ATTR_CODE_COLUMN_NUMBER,
  ATTR_CODE_FILE_PATH,
  ATTR_CODE_LINE_NUMBER,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
} from './semconv';
import { SDK_VERSION } from '../../sdk/version';
import { describeException, type ExceptionDescription } from './exception';
import type { BrowserInstrumentation } from '../types';

/** The same error (type and message) is recorded at most this often per page: a throwing loop must not flood. */
export const MAX_PER_ERROR = 5;
/** No more errors than this are recorded per page. */
export const MAX_ERRORS = 100;

/**
 * Uncaught errors (`window` `error`) and unhandled promise rejections as `exception` events: on the
 * active span when there is one (the interaction or route change under way, or the user's own span),
 * else on a short span of their own (`uncaught error`, `unhandled rejection`) with an error status.
 * Messages and stack traces are bounded; the redaction processor redacts URLs and credentials in them
 * (and in the status message) like every other text before anything is exported.
 */
export const errorsInstrumentation: BrowserInstrumentation<'errors'> = {
  name: 'errors',
  setup({ tracerProvider, window: host, redactUrl, logger }) {
    const tracer = tracerProvider.getTracer('otel-browser/errors', SDK_VERSION);
    const seen = new Map<string, number>();
    let total = 0;

    const record = (spanName: string, exception: ExceptionDescription, where: Attributes): void => {
      const key = `${exception.type}: ${exception.message}`;
      const count = seen.get(key) ?? 0;
      if (count >= MAX_PER_ERROR || total >= MAX_ERRORS) return;
      seen.set(key, count + 1);
      total++;
      const attributes: Attributes = {
        [ATTR_EXCEPTION_TYPE]: exception.type,
        [ATTR_EXCEPTION_MESSAGE]: exception.message,
      };
      if (exception.stack) attributes[ATTR_EXCEPTION_STACKTRACE] = exception.stack;
      const active = trace.getSpan(context.active());
      if (active?.isRecording()) {
        active.addEvent('exception', { ...attributes, ...where });
        return;
      }
      const span = tracer.startSpan(spanName, { kind: SpanKind.INTERNAL, attributes: { [ATTR_ERROR_TYPE]: exception.type, ...where } }, ROOT_CONTEXT);
      span.addEvent('exception', attributes);
      span.setStatus({ code: SpanStatusCode.ERROR, message: attributes[ATTR_EXCEPTION_MESSAGE] as string });
      span.end();
    };

    const onError = (event: Event): void => {
      try {
        // Failed <img>/<script> loads reach window only in the capture phase, and are not ErrorEvents.
        if (!(event instanceof ErrorEvent)) return;
        const where: Attributes = {};
        if (event.filename) where[ATTR_CODE_FILE_PATH] = redactUrl(event.filename);
        if (event.lineno) where[ATTR_CODE_LINE_NUMBER] = event.lineno;
        if (event.colno) where[ATTR_CODE_COLUMN_NUMBER] = event.colno;
        record('uncaught error', describeException(event.error ?? event.message), where);
      } catch (error) {
        logger.debugOnce('errors', 'could not record an error', error);
      }
    };
    const onRejection = (event: PromiseRejectionEvent): void => {
      try {
        record('unhandled rejection', describeException(event.reason), {});
      } catch (error) {
        logger.debugOnce('errors', 'could not record a rejection', error);
      }
    };
    host.addEventListener('error', onError);
    host.addEventListener('unhandledrejection', onRejection);
    return () => {
      host.removeEventListener('error', onError);
      host.removeEventListener('unhandledrejection', onRejection);
    };
  },
};
