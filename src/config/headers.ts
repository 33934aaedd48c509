import { isObject, mustBe, type Rule } from './checks';
import { PROBLEMS } from './problems';

/** An HTTP token (RFC 9110): what a header name may be. `fetch()` throws on anything else. */
const TOKEN = /^[!#$%&'*+.^`|~\w-]+$/;

/** The `headers` rule: names that are HTTP tokens, string values without CR, LF or NUL (which `fetch()` refuses). */
export const HEADERS: Rule = (value, field, problems) => {
  if (value == null) return undefined;
  if (!isObject(value)) return void problems.push(mustBe(field, 'an object', value));
  const before = problems.length;
  for (const [name, text] of Object.entries(value)) {
    if (!TOKEN.test(name)) problems.push(PROBLEMS.headerName(name));
    else if (typeof text !== 'string' || /[\r\n\0]/.test(text)) problems.push(PROBLEMS.headerValue(name, text));
  }
  return problems.length === before ? value : undefined;
};
