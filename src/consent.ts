/** Whether the user agreed to tracing. While not `granted`: no storage writes, no trace headers, no export. */
export type ConsentState = 'granted' | 'pending' | 'denied';

export interface Consent {
  get(): ConsentState;
  isGranted(): boolean;
  set(state: ConsentState): void;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (state: ConsentState) => void): () => void;
}

export function createConsent(initial: ConsentState = 'granted'): Consent {
  let state = initial;
  const listeners = new Set<(state: ConsentState) => void>();
  return {
    get: () => state,
    isGranted: () => state === 'granted',
    set(next) {
      if (next === state) return;
      state = next;
      for (const listener of listeners) {
        try {
          listener(state);
        } catch {
          // One listener's failure must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
