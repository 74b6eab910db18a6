/**
 * Typed errors of the domain and the edges. Each is mapped once, in
 * src/shared/http/problem.ts, to an RFC 9457 problem+json response.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details?: Record<string, unknown>;
  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    if (details) this.details = details;
  }
}

/** One problem found in a request: where it is and what is wrong. */
export interface FieldProblem {
  path: string;
  message: string;
}

export class ValidationError extends DomainError {
  readonly code = 'validation';
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** The command is not allowed in the aggregate's current state. */
export class IllegalStateError extends DomainError {
  readonly code = 'illegal-state';
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class UnauthorizedError extends DomainError {
  readonly code = 'unauthorized';
}

/** The stream was not at the revision the writer expected. */
export class ConcurrencyError extends DomainError {
  readonly code = 'concurrency';
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${stream} expected at ${expected}, actual ${String(actual)}`);
  }
}

/** The same idempotency key arrived with a different request. */
export class IdempotencyMismatchError extends DomainError {
  readonly code = 'idempotency-mismatch';
}

/** The same idempotency key is still being processed. */
export class IdempotencyInProgressError extends DomainError {
  readonly code = 'idempotency-in-progress';
}

/** The event store cannot be reached; the caller may retry later. */
export class StoreUnavailableError extends DomainError {
  readonly code = 'store-unavailable';
}

/**
 * A customer-data look-up broke a rule of the agency's instruction or of the resolution
 * (clause 5); `rule` names it. The refused attempt is recorded, nothing else changes.
 */
export class AccessRefusedError extends DomainError {
  readonly code = 'access-refused';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message, { rule });
  }
}

/** The customer-data provider (an agency or the exchange center) could not answer; retry later. */
export class ProviderUnavailableError extends DomainError {
  readonly code = 'provider-unavailable';
  constructor(
    readonly reason:
      'timeout' | 'unavailable' | 'connection' | 'tls' | 'bad-response' | 'circuit-open',
    readonly attempts: number,
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message, { reason });
  }
}

/** Too many requests for one key (a national id asking for codes); retry after the window. */
export class RateLimitedError extends DomainError {
  readonly code = 'rate-limited';
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
  }
}
