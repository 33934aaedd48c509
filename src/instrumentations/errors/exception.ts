import { maskPersonal } from '../../privacy/personal-text';

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

/** Longest summary of a value that is not an Error (`Object {a, b}`, a rejected string). */
export const MAX_SUMMARY_LENGTH = 200;

/**
 * Turns whatever was thrown or rejected into bounded `exception.*` values. Errors give their name,
 * message and stack. Other values are summarised, never serialised: their type and a short text (a
 * string's own, an object's `message` or its key names, never its values), with digits and e-mail
 * addresses masked (a rejected `{ password, card }` must not end up in telemetry).
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
  const type = value === null ? 'null' : typeof value === 'object' ? String((value as object).constructor?.name || 'Object') : typeof value;
  return { type: cut(type, 100), message: cut(maskPersonal(summary(value)), MAX_SUMMARY_LENGTH) };
}

function summary(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const message = (value as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  try {
    return `{${Object.keys(value).slice(0, 10).join(', ')}}`;
  } catch {
    return '{}';
  }
}
