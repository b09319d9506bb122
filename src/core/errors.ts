/** Base of every error Tandem raises on purpose: it carries a code and, optionally, a cause. */
export class TandemError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A mistake of the person typing: the message says what to type instead and is safe to show. */
export class UserError extends TandemError {
  constructor(message: string, code = 'user_error') {
    super(code, message);
  }
}

/** The command was well formed but the person may not do it. */
export class PermissionDenied extends TandemError {
  constructor(message: string) {
    super('permission_denied', message);
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
    super('store_busy', 'The database is busy right now. Nothing was changed; please try again in a moment.', { cause });
  }
}
