/** Sends one OTLP/HTTP body. Resolves to the HTTP status (0 when the network failed); never rejects. */
export type Transport = (body: string, options?: { keepalive?: boolean }) => Promise<number>;

/**
 * A `fetch` that the SDK's own instrumentation does not wrap: export requests must never be traced,
 * or every export would create spans that need exporting. Wrappers installed with shimmer (as the
 * OpenTelemetry instrumentations do) keep the original under `__original`.
 */
export function unwrappedFetch(win: typeof globalThis): typeof fetch | undefined {
  let candidate = win.fetch as (typeof fetch & { __original?: typeof fetch }) | undefined;
  while (candidate && candidate.__original) candidate = candidate.__original as typeof candidate;
  return candidate?.bind(win);
}

/**
 * POSTs OTLP JSON to the endpoint without cookies or other credentials (`credentials: 'omit'`), so a
 * collector on another origin needs no `Access-Control-Allow-Credentials` and gets no user data.
 */
export function createFetchTransport(
  endpoint: string,
  headers: Record<string, string>,
  fetchImpl: typeof fetch | undefined,
): Transport {
  return async (body, options = {}) => {
    if (!fetchImpl) return 0;
    try {
      const response = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body,
        credentials: 'omit',
        keepalive: options.keepalive === true,
      });
      return response.status;
    } catch {
      return 0;
    }
  };
}
