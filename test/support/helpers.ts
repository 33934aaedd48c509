// Shared by the browser tests: where the test servers are, and what they received.
import { executeServerCommand } from '@web/test-runner-commands';

export interface Servers {
  /** The OTLP receiver, cross-origin (CORS open to the test page). */
  receiver: string;
  /** An API on another origin, listed in propagateTo by the tests. */
  api: string;
  /** An API on a third origin that the tests never allow. */
  other: string;
}

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  /** Start and end, in whole milliseconds since the epoch. */
  start: number;
  end: number;
  attributes: Record<string, unknown>;
  /** `time` in milliseconds since the epoch, to the microsecond. */
  events: { name: string; time: number; attributes: Record<string, unknown> }[];
  links: { traceId: string; spanId: string; attributes: Record<string, unknown> }[];
  status: { code?: number; message?: string };
  scope: string;
  resource: Record<string, unknown>;
}

export interface ReceivedRequest {
  headers: Record<string, string>;
  bytes: number;
  status: number;
  contentEncoding?: string;
  spans: ReceivedSpan[];
}

/** How long a test waits for a condition before it fails (the mocha timeout in web-test-runner.config.mjs is longer). */
export const WAIT_CEILING_MS = 30_000;

export const servers = (): Promise<Servers> => executeServerCommand('servers') as Promise<Servers>;

/** Requests that carried spans of `serviceName` (each test uses its own name: files run in parallel). */
export async function receiverRequests(serviceName: string, receiver: 'receiver' | 'same' = 'receiver'): Promise<ReceivedRequest[]> {
  return (await executeServerCommand('receiver-requests', { receiver, service: serviceName })) as ReceivedRequest[];
}

export async function receivedSpans(serviceName: string, receiver: 'receiver' | 'same' = 'receiver'): Promise<ReceivedSpan[]> {
  return (await receiverRequests(serviceName, receiver)).flatMap((r) => r.spans).filter((s) => s.resource['service.name'] === serviceName);
}

/**
 * Polls the receiver until `done(spans)` holds, or fails after `timeoutMs` with what did arrive. The
 * ceiling is generous on purpose: it only bounds a failing test, and a loaded 2-core machine running
 * three browsers can be many times slower than an idle one.
 */
export async function waitForSpans(
  serviceName: string,
  done: (spans: ReceivedSpan[]) => boolean,
  { timeoutMs = WAIT_CEILING_MS, receiver = 'receiver' as 'receiver' | 'same' } = {},
): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const spans = await receivedSpans(serviceName, receiver);
    if (done(spans)) return spans;
    if (Date.now() > deadline) {
      throw new Error(`spans of ${serviceName} did not arrive in time; got: ${spans.map((s) => s.name).join(', ') || 'none'}`);
    }
    await sleep(100);
  }
}

export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

export async function apiRequests(): Promise<{ api: ApiRequest[]; other: ApiRequest[] }> {
  return (await executeServerCommand('api-requests')) as { api: ApiRequest[]; other: ApiRequest[] };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
/** A service name no other test uses. */
export const uniqueService = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** Matches a W3C traceparent and returns its parts. */
export function parseTraceparent(value: string | undefined) {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value ?? '');
  return match ? { traceId: match[1], spanId: match[2], flags: match[3] } : undefined;
}

/** Runs `action` with console.error/warn captured. */
export function captureConsole<T>(action: () => T): { result: T; errors: unknown[][]; warnings: unknown[][] } {
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  const { error, warn } = console;
  console.error = (...args: unknown[]) => errors.push(args);
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    return { result: action(), errors, warnings };
  } finally {
    console.error = error;
    console.warn = warn;
  }
}
