import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { UrlRedactor } from './redact';
import type { SpanData } from '../export/span-data';

function redactValue(key: string, value: AttributeValue | undefined, redactor: UrlRedactor): AttributeValue | undefined {
  // `url.query` and `url.fragment` hold a bare query or fragment, without the `?` or `#` that marks one elsewhere.
  if (typeof value === 'string') return key === 'url.query' ? redactor.params(value) : key === 'url.fragment' ? redactor.fragment(value) : redactor.text(value);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? redactor.text(item) : item)) as AttributeValue;
  return value;
}

function redactAttributes(attributes: Attributes, redactor: UrlRedactor): void {
  for (const key of Object.keys(attributes)) attributes[key] = redactValue(key, attributes[key], redactor);
}

/**
 * Redacts every URL the span carries before anything else sees it: not only `url.full`, but every
 * string attribute (page, route and resource URLs under whatever key an instrumentation used), event
 * attributes (an error message quoting the failing URL), the status message and the span name.
 * Values without `?`, `#` or `@` are skipped at the cost of one regular-expression test.
 */
export function redactSpanData(data: SpanData, redactor: UrlRedactor): void {
  data.name = redactor.text(data.name);
  redactAttributes(data.attributes, redactor);
  for (const event of data.events) {
    event.name = redactor.text(event.name);
    redactAttributes(event.attributes, redactor);
  }
  if (data.status.message) data.status.message = redactor.text(data.status.message);
}
