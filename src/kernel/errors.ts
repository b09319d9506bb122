import { type ErrorCode, TandemError } from '../domain/errors.js';

/** A mistake of the person typing: the message says what to type instead and is safe to show. */
export class UserError extends TandemError {
  constructor(message: string, code: ErrorCode = 'user_error') {
    super(code, message);
  }
}

/**
 * A change refused by a rule of who may do what (the last manager of a side, a stale or foreign
 * confirmation code, an organisation the platform never reported): the message says what to type
 * instead. Refusals are written to the audit log apart from changes (`audit refusals`).
 */
export class Refused extends TandemError {
  constructor(message: string, code: ErrorCode = 'refused') {
    super(code, message);
  }
}

/** The command was well formed but the person may not do it. */
export class PermissionDenied extends Refused {
  constructor(message: string) {
    super(message, 'permission_denied');
  }
}

/** A face does not offer a feature the core asked for. */
export class NotSupported extends TandemError {
  constructor(feature: string) {
    super('not_supported', `${feature} is not supported on this platform`);
  }
}

/** The database was busy longer than the busy timeout: nothing was changed and a retry may work. */
export class StoreBusy extends TandemError {
  constructor(cause: unknown) {
    super('store_busy', 'The database is busy right now. Nothing was changed; please try again in a moment.', {
      cause,
    });
  }
}

/** The platform asked us to slow down; retry no sooner than `retryAfterMs`. */
export class RateLimited extends TandemError {
  constructor(
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super('rate_limited', `rate limited; retry after ${retryAfterMs} ms`, options);
  }
}

/** A delivery failure that retrying will not fix (bad token, channel gone, message too large). */
export class PermanentDeliveryError extends TandemError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('delivery_permanent', message, options);
  }
}

/** A configuration the operator must fix (an environment variable, the integrations file, a package setting). */
export class ConfigError extends TandemError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config', message, options);
  }
}

/**
 * Tandem or one of its faces cannot start (a platform unreachable, a bad token, a port in use); the message says what
 * to fix.
 */
export class StartError extends TandemError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('start', message, options);
  }
}

/** A mistake in how a job kind is written (not in its data): retrying cannot fix it. */
export class JobKindError extends TandemError {
  constructor(message: string) {
    super('job_kind', message);
  }
}
