/**
 * One regular expression from several parts, in order, so that a long expected transcript stays
 * within the line limit and each part reads as a regular expression. Split only between whole
 * groups: each part must be a valid expression of its own.
 */
export function joinPatterns(parts: readonly RegExp[], flags = ''): RegExp {
  return new RegExp(parts.map((p) => p.source).join(''), flags);
}
