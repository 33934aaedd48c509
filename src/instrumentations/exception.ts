/** Longest `exception.message` recorded; longer ones are cut with `…`. */
export const MAX_MESSAGE_LENGTH = 1024;
/** Longest `exception.stacktrace` recorded (the top frames are kept). */
export const MAX_STACK_LENGTH = 4096;

export interface ExceptionDescription {
  type: string;
  message: string;
  stack?: string;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Turns whatever was thrown or rejected into bounded `exception.*` values. Errors give their name,
 * message and stack; other values their type and a short rendering.
 */
export function describeException(value: unknown): ExceptionDescription {
  if (value instanceof Error || (typeof value === 'object' && value !== null && 'message' in value && 'name' in value)) {
    const error = value as Error;
    const type = String(error.name || error.constructor?.name || 'Error');
    return {
      type: cut(type, 100),
      message: cut(String(error.message ?? ''), MAX_MESSAGE_LENGTH),
      stack: typeof error.stack === 'string' ? cut(error.stack, MAX_STACK_LENGTH) : undefined,
    };
  }
  if (typeof value === 'string') return { type: 'Error', message: cut(value, MAX_MESSAGE_LENGTH) };
  return { type: value === null ? 'null' : typeof value, message: cut(render(value), MAX_MESSAGE_LENGTH) };
}

function render(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
