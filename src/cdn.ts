import { context, propagation, trace } from '@opentelemetry/api';
import type { ConsentState } from './privacy/consent';
import { init } from './sdk/init';
import { configFromDataset } from './config/data-attributes';
import { SDK_VERSION } from './sdk/version';

/** What the script tag defines as `window.OtelBrowser`. */
export interface OtelBrowserGlobal {
  init: typeof init;
  version: string;
  /** The `@opentelemetry/api` objects the SDK registered, for manual spans from plain scripts. */
  trace: typeof trace;
  context: typeof context;
  propagation: typeof propagation;
  /** Passes the user's consent to the running SDK (the one `data-endpoint` or `init()` started); see `setConsent` on the handle. */
  setConsent(state: ConsentState): void;
}

type Host = Window & typeof globalThis & { OtelBrowser?: OtelBrowserGlobal };

function main(host: Host): void {
  // Loaded twice: keep the first copy, whose instrumentation is already in place.
  if (host.OtelBrowser) return;
  host.OtelBrowser = { init, version: SDK_VERSION, trace, context, propagation, setConsent };
  const script = document.currentScript as HTMLScriptElement | null;
  // Without data-endpoint the page calls OtelBrowser.init({...}) itself.
  if (script?.dataset.endpoint !== undefined) init(configFromDataset(script.dataset));
}

/** The running SDK's handle is registered on the window by `init()` (under this symbol), whichever copy started it. */
function setConsent(state: ConsentState): void {
  (globalThis as unknown as Record<symbol, { setConsent?(state: ConsentState): void } | undefined>)[Symbol.for('otel-browser.active')]?.setConsent?.(state);
}

try {
  main(globalThis as Host);
} catch {
  // The script-tag entry must never break the page it is on.
}
