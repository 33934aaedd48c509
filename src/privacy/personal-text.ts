/** E-mail addresses, also inside longer text. */
const EMAIL = /[^\s@"'<>()]+@[^\s@"'<>()]+\.[a-z]{2,}/gi;
/** Runs of digits, with the spaces, dots, dashes and slashes that join card, phone and date numbers. */
const DIGITS = /\d(?:[\d\s./-]*\d)?/g;

/**
 * Masks what is personal in short visible text before it names a span: e-mail addresses become
 * `{email}` and runs of digits `#` (`Visa 4242 exp 12/29` gives `Visa # exp #`), so names stay
 * low-cardinality and carry no card, phone or order number.
 */
export const maskPersonal = (text: string): string => text.replace(EMAIL, '{email}').replace(DIGITS, '#');
