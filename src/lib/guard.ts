/**
 * `callback`, wrapped so that whatever it throws goes to `onError` and never to its caller: the page
 * (a wrapped `history.pushState`, the page's `span.end()`), the browser (an event listener, an
 * observer) or the rest of a loop (a teardown, a span processor). `onError` must not throw.
 */
export function guard<A extends unknown[]>(callback: (...args: A) => void, onError: (error: unknown) => void): (...args: A) => void {
  return (...args) => {
    try {
      callback(...args);
    } catch (error) {
      onError(error);
    }
  };
}
