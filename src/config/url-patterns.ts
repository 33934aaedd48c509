import { originPatternProblem } from '../trace/request-policy';
import type { Rule } from './checks';
import { PROBLEMS } from './problems';
import type { UrlPattern } from './types';

/**
 * The rule of `propagateTo` and `ignoreUrls`: one pattern or a list of them (`propagateTo` also takes
 * a function). `propagateTo` refuses entries that would send trace headers to every server unless
 * `allowPropagateToAll` is `true`, and string entries that are not http(s) origins or prefixes.
 */
export const URL_PATTERNS: Rule = (value, field, problems, section) => {
  if (value == null) return undefined;
  const propagate = field === 'propagateTo';
  if (propagate && typeof value === 'function') return value;
  const allowAll = section.allowPropagateToAll === true;
  const list = typeof value === 'string' || value instanceof RegExp ? [value] : value;
  if (!Array.isArray(list)) return void problems.push(PROBLEMS.urlPatterns(field, value));
  const patterns: UrlPattern[] = [];
  for (const entry of list) {
    if (entry instanceof RegExp) {
      // A pattern that matches unrelated URLs would leak trace headers to every third party.
      const problem = propagate && !allowAll ? originPatternProblem(entry) : undefined;
      if (problem === 'everything') problems.push(PROBLEMS.matchesEverything(field, entry));
      else if (problem) problems.push(PROBLEMS.unanchored(field, entry));
      else patterns.push(entry);
    } else if (typeof entry === 'string' && entry.trim() !== '') {
      const trimmed = entry.trim();
      if (trimmed === '*' && propagate && allowAll) patterns.push(/^https?:\/\//i);
      else if (trimmed === '*') problems.push(PROBLEMS.matchesEverything(field, entry));
      else if (propagate && /^[^/?#]*:\/\/[^/?#]*\*/.test(trimmed)) problems.push(PROBLEMS.wildcardHost(field, entry));
      else if (propagate && !/^https?:\/\/[^/?#]+/i.test(trimmed)) problems.push(PROBLEMS.urlPattern(field, entry));
      else patterns.push(trimmed);
    } else {
      problems.push(PROBLEMS.urlPatterns(field, entry));
    }
  }
  return patterns;
};
