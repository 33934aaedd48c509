/**
 * Whether the user agreed to tracing. While not `granted`: nothing is written to storage, no trace
 * header is added to any request, and nothing is exported.
 */
export type ConsentState = 'granted' | 'pending' | 'denied';

export const CONSENT_STATES: readonly ConsentState[] = ['granted', 'pending', 'denied'];

export const isConsentState = (value: unknown): value is ConsentState => (CONSENT_STATES as readonly unknown[]).includes(value);

/**
 * The consent switch every part of the SDK asks before it stores, propagates or exports anything.
 * It is only ever held in memory: the page's consent manager is the record of the user's choice and
 * tells the SDK on each page load (through the `consent` option or `setConsent()`).
 */
export interface Consent {
  get(): ConsentState;
  isGranted(): boolean;
  /**
   * Changes the state and tells the subscribers (also when `denied` is set again); an unknown value is
   * ignored and returns false.
   */
  set(state: ConsentState): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (state: ConsentState) => void): () => void;
}

export function createConsent(initial: ConsentState = 'granted'): Consent {
  let state = isConsentState(initial) ? initial : 'pending';
  const listeners = new Set<(state: ConsentState) => void>();
  return {
    get: () => state,
    isGranted: () => state === 'granted',
    set(next) {
      if (!isConsentState(next)) return false;
      // `denied` again is not ignored: its listeners delete what is stored, every time it is said.
      if (next === state && next !== 'denied') return true;
      state = next;
      for (const listener of [...listeners]) {
        try {
          listener(state);
        } catch {
          // One listener's failure must not stop the others.
        }
      }
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
