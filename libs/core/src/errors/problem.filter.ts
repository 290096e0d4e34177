import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { RateLimitExceeded } from '../auth/rate-limits';
import { DomainError } from './domain.error';
import { ValidationFailed } from './validation';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  requestId?: string;
  errors?: Array<{ field: string; messages: string[] }>;
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://buurtcoop.nl/problems/';
const TOO_MANY_REQUESTS = { type: `${PROBLEM_BASE}too-many-requests`, title: 'Too many requests', status: 429, code: 'too_many_requests' } as const;

/** What pg's pool rejects with when no connection comes free within `connectionTimeoutMillis`. */
const POOL_WAIT_EXPIRED = 'timeout exceeded when trying to connect';

/** How long a client is asked to wait before trying again while the database is busy or away. */
const RETRY_AFTER_SECONDS = 5;

/** Socket errors of a database server that is down, restarting or unreachable. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
/** SQLSTATEs of a server shutting down, starting up or out of connections (class 08 is every connection exception). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What pg says when the server closes a connection under it. */
const CONNECTION_LOST = /^Connection terminated|^Client has encountered a connection error/;

/** Whether the error says the database cannot be reached right now, rather than that the request was wrong. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (CONNECTION_LOST.test(error.message)) return true;
  const inner = [error instanceof QueryFailedError ? error.driverError : undefined, error.cause, ...(error instanceof AggregateError ? error.errors : [])];
  return inner.some((e) => isDatabaseUnavailable(e, depth + 1));
}

/** SQLSTATEs that are the client's fault, not ours: the database enforced an invariant. */

const SQLSTATE_PROBLEMS: Record<string, { status: number; code: string; detail: string }> = {
  '23505': { status: 409, code: 'already_exists', detail: 'A record with the same unique values already exists' },
  '23P01': { status: 409, code: 'overlaps', detail: 'This overlaps with an existing record' },
  '23502': { status: 422, code: 'value_required', detail: 'A value that may be left out may not be null' },
  '23503': { status: 422, code: 'reference_invalid', detail: 'A referenced record does not exist or is still in use' },
  '23514': { status: 422, code: 'rule_violated', detail: 'This would break a rule of the books (e.g. an unbalanced entry, or a closed period)' },
  '40001': { status: 409, code: 'concurrent_update', detail: 'The record was changed at the same time by someone else; try again' },
  '40P01': { status: 409, code: 'concurrent_update', detail: 'The record was changed at the same time by someone else; try again' },
};

function titleOf(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) : 'Error';
}

/** Every error leaves the API as problem+json; unknown errors are logged and answered with a bare 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(error, request);
    problem.requestId = String(request.id);
    problem.instance = request.url.split('?')[0];
    if ((problem.status === 429 || problem.status === 503) && typeof problem.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    }
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  private toProblem(error: unknown, request: FastifyRequest): Problem {
    if (error instanceof ValidationFailed) {
      return {
        type: `${PROBLEM_BASE}validation-failed`,
        title: 'Your request has invalid fields',
        status: 400,
        code: 'validation_failed',
        detail: error.errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join('. '),
        errors: error.errors,
      };
    }
    if (error instanceof DomainError) {
      return {
        type: `${PROBLEM_BASE}${error.code.replace(/_/g, '-')}`,
        title: titleOf(error.status),
        status: error.status,
        code: error.code,
        detail: error.message,
        ...(error.field ? { errors: [{ field: error.field, messages: [error.message] }] } : {}),
        ...error.extensions,
      };
    }
    if (error instanceof RateLimitExceeded) {
      const wait = error.retryAfterSeconds < 120 ? `${error.retryAfterSeconds} seconds` : `${Math.ceil(error.retryAfterSeconds / 60)} minutes`;
      return { ...TOO_MANY_REQUESTS, detail: `Too many requests from this address; try again in ${wait}`, retryAfterSeconds: error.retryAfterSeconds };
    }
    if (error instanceof ThrottlerException) {
      return { ...TOO_MANY_REQUESTS, detail: 'Too many requests; wait a minute and try again' };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const detail = typeof body === 'string' ? body : Array.isArray((body as { message?: unknown }).message) ? ((body as { message: string[] }).message).join('; ') : String((body as { message?: unknown }).message ?? error.message);
      if (status >= 500) this.logger.error({ err: error, requestId: request.id }, 'HTTP error');
      // Nest's and Fastify's own refusals (malformed JSON, media type, size, unknown route) carry no code of their
      // own: the status's name is one a client can branch on.
      const code = HttpStatus[status]?.toLowerCase() ?? 'http_error';
      return { type: status === 404 ? `${PROBLEM_BASE}not-found` : 'about:blank', title: titleOf(status), status, code, detail };
    }
    const sqlstate = error instanceof QueryFailedError ? (error.driverError as { code?: string })?.code : undefined;
    const mapped = sqlstate ? SQLSTATE_PROBLEMS[sqlstate] : undefined;
    if (mapped) {
      const { constraint, column } = (error as QueryFailedError & { driverError: { constraint?: string; column?: string } }).driverError;
      // A null the DTO let through for a NOT NULL column: the column is the request field, in the API's spelling.
      const field = sqlstate === '23502' && column ? column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : undefined;
      return {
        type: `${PROBLEM_BASE}${mapped.code.replace(/_/g, '-')}`,
        title: titleOf(mapped.status),
        status: mapped.status,
        code: mapped.code,
        detail: field ? `${field}: ${mapped.detail}` : mapped.detail,
        ...(constraint ? { constraint } : {}),
        ...(field ? { errors: [{ field, messages: [`${field} may not be null`] }] } : {}),
      };
    }
    if (error instanceof Error && error.message === POOL_WAIT_EXPIRED) {
      // Every connection stayed busy (a long dues run, say) for as long as a request may wait: come back shortly.
      this.logger.warn({ requestId: request.id, url: request.url }, 'No database connection came free in time');
      return { type: `${PROBLEM_BASE}database-busy`, title: titleOf(503), status: 503, code: 'database_busy', detail: 'The database is busy; try again in a few seconds', retryAfterSeconds: RETRY_AFTER_SECONDS };
    }
    if (isDatabaseUnavailable(error)) {
      // Down or restarting: the pool reconnects on its own once it is back, so this is the client's cue to retry.
      this.logger.warn({ requestId: request.id, url: request.url, err: error }, 'The database cannot be reached');
      return {
        type: `${PROBLEM_BASE}database-unavailable`,
        title: titleOf(503),
        status: 503,
        code: 'database_unavailable',
        detail: 'The database cannot be reached just now; try again in a few seconds',
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      };
    }
    this.logger.error({ err: error, requestId: request.id, url: request.url }, 'Unhandled error');
    return { type: 'about:blank', title: 'Internal server error', status: 500 };
  }
}
