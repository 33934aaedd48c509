// Shared by the delivery tests: a receiver endpoint of one's own (so scripted faults and stored batches
// never mix with other tests running in parallel), the raw requests it got, and a watch on page errors.
import { executeServerCommand } from '@web/test-runner-commands';
import { LOCAL_PREFIX, type StoredBatch } from '../../src/export/store';
import { WAIT_CEILING_MS, type ReceivedRequest } from './helpers';

export interface RawRequest extends ReceivedRequest {
  url: string;
  at: number;
}

/** Every POST the receiver got for URLs containing `run` (failed ones too: their spans are empty). */
export async function requestsFor(run: string): Promise<RawRequest[]> {
  return (await executeServerCommand('receiver-requests', { match: run })) as RawRequest[];
}

/** Every batch the SDK keeps in this origin's localStorage, read without the SDK: one entry per batch. */
export function localBatches(): StoredBatch[] {
  return Object.keys(localStorage)
    .filter((key) => key.startsWith(LOCAL_PREFIX))
    .flatMap((key) => {
      try {
        const batch = JSON.parse(localStorage.getItem(key)!) as StoredBatch | null;
        return batch?.endpoint ? [batch] : [];
      } catch {
        return []; // Another test's entry that is not a batch.
      }
    });
}

/** Every batch the SDK keeps in this origin's IndexedDB, read without the SDK (opened only if it exists). */
export async function indexedDbBatches(): Promise<StoredBatch[]> {
  const exists = (await indexedDB.databases?.())?.some((d) => d.name === 'otel-browser') ?? true;
  if (!exists) return [];
  return new Promise<StoredBatch[]>((resolve) => {
    const open = indexedDB.open('otel-browser', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('batches', { autoIncrement: true });
    open.onsuccess = () => {
      const all = open.result.transaction('batches').objectStore('batches').getAll();
      all.onsuccess = () => {
        open.result.close();
        resolve(all.result as StoredBatch[]);
      };
    };
    open.onerror = () => resolve([]);
  });
}

/** Scripted answers for the next requests whose URL contains `run`. */
export function fault(run: string, ...faults: { status: number; headers?: Record<string, string>; delayMs?: number }[]): Promise<unknown> {
  return executeServerCommand('receiver-faults', { faults: faults.map((f) => ({ ...f, match: run })) });
}

/** Makes the receiver drop every connection for URLs containing `run` (a network error), or come back. */
export function receiverDown(run: string, down: boolean): Promise<unknown> {
  return executeServerCommand('receiver-down', { match: run, down });
}

/** Collects console errors and uncaught errors / unhandled rejections of a window until `stop()`. */
export function watchPageErrors(win: Window & typeof globalThis = window): { problems: string[]; stop(): void } {
  const problems: string[] = [];
  const original = win.console.error;
  win.console.error = (...args: unknown[]) => {
    problems.push(`console.error: ${args.map(String).join(' ')}`);
    original.apply(win.console, args);
  };
  const onError = (event: ErrorEvent) => problems.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandledrejection: ${String(event.reason)}`);
  win.addEventListener('error', onError);
  win.addEventListener('unhandledrejection', onRejection);
  return {
    problems,
    stop() {
      win.console.error = original;
      win.removeEventListener('error', onError);
      win.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** Waits until `check()` returns a value other than undefined, or fails after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = WAIT_CEILING_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
