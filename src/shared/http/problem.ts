import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import {
  AccessRefusedError,
  ConcurrencyError,
  DomainError,
  ForbiddenError,
  IdempotencyInProgressError,
  IdempotencyMismatchError,
  IllegalStateError,
  NotFoundError,
  ProviderUnavailableError,
  RateLimitedError,
  StoreUnavailableError,
  UnauthorizedError,
  ValidationError,
  type FieldProblem,
} from '../errors';
import { problemKinds, type ProblemKind } from '../../../contracts/problems';
import type { Logger } from '../logger';

/** An RFC 9457 problem document; `type` and `code` are stable and documented. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export function problem(code: string, detail?: string, extra: Partial<Problem> = {}): Problem {
  const { status, title } = (problemKinds as Record<string, ProblemKind>)[code] ?? {
    status: 500,
    title: 'Error',
  };
  return {
    type: `/problems/${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

/** Writes a problem document on a bare node response; `instance` is the request's path and query. */
export function writeProblem(
  res: ServerResponse,
  p: Problem,
  instance: string,
  requestId: string | undefined,
): void {
  res.statusCode = p.status;
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.end(JSON.stringify({ ...p, instance, ...(requestId ? { requestId } : {}) }));
}

export function sendProblem(res: Response, p: Problem): void {
  writeProblem(res, p, res.req.originalUrl, res.locals.requestId as string | undefined);
}

function fromDomainError(error: DomainError): Problem {
  if (error instanceof ValidationError)
    return problem('validation', error.message, { errors: error.problems });
  if (error instanceof ConcurrencyError) return problem('concurrency', error.message);
  const known = [
    NotFoundError,
    ForbiddenError,
    UnauthorizedError,
    IllegalStateError,
    IdempotencyMismatchError,
    IdempotencyInProgressError,
    StoreUnavailableError,
    AccessRefusedError,
    ProviderUnavailableError,
    RateLimitedError,
  ].some((k) => error instanceof k);
  return problem(known ? error.code : 'internal', error.message, error.details ?? {});
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * The one place where errors become problems. An error of ours maps by its type, a body
 * parser's by its `type`, any other 4xx to `bad-request`; the rest is a logged 500.
 */
export function problemOf(
  error: unknown,
  logger: Logger,
  requestId: string | undefined,
): { problem: Problem; retryAfter?: string } {
  if (error instanceof DomainError) {
    const p = fromDomainError(error);
    if (p.status >= 500) logger.error({ err: error, requestId }, 'request failed');
    if (error instanceof ProviderUnavailableError || error instanceof RateLimitedError)
      return { problem: p, retryAfter: String(error.retryAfterSeconds) };
    return error instanceof StoreUnavailableError
      ? { problem: p, retryAfter: '1' }
      : { problem: p };
  }
  const parserType = (error as BodyParserError | undefined)?.type;
  if (parserType === 'entity.parse.failed')
    return { problem: problem('malformed-json', 'The body could not be parsed as JSON') };
  if (parserType === 'entity.too.large')
    return { problem: problem('payload-too-large', 'The body exceeds the size limit') };
  if (parserType === 'encoding.unsupported' || parserType === 'charset.unsupported')
    return { problem: problem('unsupported-media-type', 'Unsupported body encoding') };
  // Any other client error raised by express or its body parser (a body that does not
  // inflate, a path that does not percent-decode, …) is the client's: a 4xx problem, not a 500.
  const status = (error as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return { problem: { ...problem('bad-request', 'The request could not be read'), status } };
  logger.error({ err: error, requestId }, 'unexpected error');
  return { problem: problem('internal', 'An unexpected error occurred; it has been logged') };
}

/** Where a request's store failures are counted (`pishkhan_store_errors_total`). */
export interface StoreErrorCounter {
  inc(): void;
}

/**
 * Answers an error as its problem (with Retry-After when it has one), unless an answer went
 * out already. A store failure is counted even then: the store failed all the same.
 */
export function answerError(
  res: ServerResponse,
  error: unknown,
  logger: Logger,
  instance: string,
  requestId: string | undefined,
  storeErrors?: StoreErrorCounter,
): void {
  if (error instanceof StoreUnavailableError) storeErrors?.inc();
  if (res.headersSent) return;
  const { problem: p, retryAfter } = problemOf(error, logger, requestId);
  if (retryAfter) res.setHeader('Retry-After', retryAfter);
  writeProblem(res, p, instance, requestId);
}

/** Express's end of answerError. */
export function errorHandler(logger: Logger, storeErrors?: StoreErrorCounter): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) =>
    answerError(
      res,
      error,
      logger,
      res.req.originalUrl,
      res.locals.requestId as string | undefined,
      storeErrors,
    );
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, problem('not-found', `No route for ${req.method} ${req.path}`));
};
