import type { Context } from '@opentelemetry/api';
import type { Span } from '../trace/types';
import type { PageView } from './page-view';
import { SpanProcessorBase } from '../lib/span-processor-base';

// Incubating semantic-convention name, kept local so the build never pulls in `/incubating`.
// Not `url.full`: HTTP spans use that for the request's URL.
export const ATTR_BROWSER_DOCUMENT_URL_FULL = 'browser.document.url.full';
/** Not a semantic convention: there is none for page views yet. */
export const ATTR_PAGE_VIEW_ID = 'page_view.id';

/**
 * Puts the page the span happened on on every span: the document URL as it is when the span starts
 * (so it follows SPA route changes), redacted, and the page view id that groups one page load's spans.
 */
export class PageProcessor extends SpanProcessorBase {
  constructor(
    private readonly _location: Pick<Location, 'href'>,
    private readonly _pageView: PageView,
    private readonly _redactUrl: (url: string) => string,
  ) {
    super();
  }

  override onStart(span: Span, _context: Context): void {
    span.setAttribute(ATTR_BROWSER_DOCUMENT_URL_FULL, this._redactUrl(this._location.href));
    span.setAttribute(ATTR_PAGE_VIEW_ID, this._pageView.id());
  }
}
