/**
 * The one error hierarchy. Every error Tandem raises on purpose is a TandemError with a code from
 * this list; the kernel's error boundary decides from the class what a person is shown.
 */
export type ErrorCode =
  // A person's mistake or a broken rule: the message says what to type instead (UserError, RuleViolation).
  | 'user_error'
  | 'usage'
  | 'unknown_command'
  | 'too_long'
  | 'not_set_up'
  | 'unknown_area'
  | 'ambiguous_area'
  | 'unknown_escalation'
  | 'refused_step'
  | 'matrix_csv'
  | 'rule_broken'
  | 'posting_limit'
  | 'posting_backlog'
  | 'permission_denied'
  | 'refused'
  // The platform or the database, not the person.
  | 'not_supported'
  | 'store_busy'
  | 'rate_limited'
  | 'delivery_permanent'
  // Operators: configuration and start-up.
  | 'config'
  | 'start'
  // Programming mistakes and internal control flow.
  | 'job_kind'
  | 'already_handled'
  | 'internal';

/** Base of every error Tandem raises on purpose: it carries a code and, optionally, a cause. */
export class TandemError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * A rule of the domain broken by what someone asked for (a CSV line that is not a valid area, a
 * transition an escalation cannot take). Domain code throws it; its message says what is wrong and
 * what to do instead, so the command layer shows it to the person as it is.
 */
export class RuleViolation extends TandemError {
  constructor(message: string, code: ErrorCode = 'rule_broken') {
    super(code, message);
  }
}
