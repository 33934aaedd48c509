/**
 * The SDK's only way to talk to the console. Every message starts with the
 * `[otel-browser]` prefix so users can filter it, and debug output is silent
 * unless `debug: true` was configured.
 */
export const LOG_PREFIX = '[otel-browser]';

export interface Logger {
  /** Always printed: configuration problems and other things the user must fix. */
  error(message: string, ...details: unknown[]): void;
  /** Always printed: the SDK ignored something the page asked for. */
  warn(message: string, ...details: unknown[]): void;
  /** Printed only in debug mode. */
  debug(message: string, ...details: unknown[]): void;
  /** Printed only in debug mode, and only the first time `key` is seen. */
  debugOnce(key: string, message: string, ...details: unknown[]): void;
}

export function createLogger(debug: boolean, sink: Pick<Console, 'error' | 'warn' | 'debug'> = console): Logger {
  const seen = new Set<string>();
  const print = (level: 'error' | 'warn' | 'debug', message: string, details: unknown[]): void => {
    try {
      sink[level](`${LOG_PREFIX} ${message}`, ...details);
    } catch {
      // A console replaced by the page must never make the SDK throw.
    }
  };
  return {
    error: (message, ...details) => print('error', message, details),
    warn: (message, ...details) => print('warn', message, details),
    debug: (message, ...details) => {
      if (debug) print('debug', message, details);
    },
    debugOnce: (key, message, ...details) => {
      if (!debug || seen.has(key)) return;
      seen.add(key);
      print('debug', message, details);
    },
  };
}
