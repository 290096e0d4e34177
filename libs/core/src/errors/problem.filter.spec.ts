import { ArgumentsHost, NotFoundException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { RateLimitExceeded } from '../auth/rate-limits';
import { CommonError } from './domain.error';
import { ProblemFilter } from './problem.filter';
import { ValidationFailed } from './validation';

function databaseError(code: string, constraint?: string): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error(`sqlstate ${code}`), { code, constraint }));
}

/** Drives the filter the way Nest does, and captures what it sends. */
function run(error: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return reply;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ id: 'req-1', url: '/api/v1/things?x=1' }), getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return sent;
}

describe(ProblemFilter.name, () => {
  it.each([
    ['23505', 409, 'already_exists'],
    ['23P01', 409, 'overlaps'],
    ['23503', 422, 'reference_invalid'],
    ['23514', 422, 'rule_violated'],
    ['40001', 409, 'concurrent_update'],
    ['40P01', 409, 'concurrent_update'],
  ])('maps SQLSTATE %s to %i %s', (sqlstate, status, code) => {
    const sent = run(databaseError(sqlstate, 'some_constraint'));
    expect(sent.status).toBe(status);
    expect(sent.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(sent.body).toMatchObject({ status, code, constraint: 'some_constraint', requestId: 'req-1', instance: '/api/v1/things' });
  });

  it('names the field of a null that reached a NOT NULL column', () => {
    const error = new QueryFailedError('UPDATE …', [], Object.assign(new Error('null value in column'), { code: '23502', column: 'cancellation_notice_hours' }));
    expect(run(error)).toMatchObject({ status: 422, body: { code: 'value_required', errors: [{ field: 'cancellationNoticeHours', messages: ['cancellationNoticeHours may not be null'] }] } });
  });

  it('answers an unknown database error with a bare 500 that leaks nothing', () => {
    const sent = run(databaseError('42P01'));
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ type: 'about:blank', title: 'Internal server error', status: 500, requestId: 'req-1', instance: '/api/v1/things' });
  });

  it('answers 503 with Retry-After when no database connection came free in time', () => {
    // What pg's pool rejects with after connectionTimeoutMillis.
    const sent = run(new Error('timeout exceeded when trying to connect'));
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.body).toMatchObject({ status: 503, code: 'database_busy', retryAfterSeconds: 5 });
  });

  it.each([
    ['a refused connection (server down)', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server shutting down under a query', databaseError('57P01')],
    ['a server still starting up', databaseError('57P03')],
    ['a connection exception (class 08)', databaseError('08006')],
    ['a connection closed under the client', new Error('Connection terminated unexpectedly')],
    ['a refusal wrapped as the cause', new Error('could not begin the transaction', { cause: Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }) })],
  ])('answers 503 database_unavailable with Retry-After for %s', (_, error) => {
    const sent = run(error);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(sent.body).toMatchObject({ status: 503, code: 'database_unavailable', retryAfterSeconds: 5 });
  });

  it('answers a reached rate limit with 429 and the wait in Retry-After and in the problem', () => {
    const sent = run(new RateLimitExceeded(1800));
    expect(sent.status).toBe(429);
    expect(sent.headers['retry-after']).toBe('1800');
    expect(sent.body).toMatchObject({ status: 429, code: 'too_many_requests', retryAfterSeconds: 1800, detail: expect.stringContaining('30 minutes') });
  });

  it('answers a programming error with a bare 500', () => {
    const sent = run(new TypeError('cannot read x of undefined'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('undefined');
  });

  it('lists validation errors per field', () => {
    const sent = run(new ValidationFailed([{ field: 'address.postcode', messages: ['postcode must be a Dutch postcode'] }]));
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ errors: [{ field: 'address.postcode', messages: ['postcode must be a Dutch postcode'] }], detail: 'address.postcode: postcode must be a Dutch postcode' });
  });

  it('carries a domain error’s code, status and field', () => {
    const sent = run(CommonError.notFound('Member'));
    expect(sent).toMatchObject({ status: 404, body: { code: 'not_found', detail: 'Member was not found', type: 'https://buurtcoop.nl/problems/not-found' } });
  });

  it('keeps the message of Nest’s HTTP exceptions', () => {
    expect(run(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, body: { code: 'not_found', detail: 'Cannot GET /x' } });
  });

  it('gives Nest’s HTTP exceptions the name of their status as code', () => {
    expect(run(new UnsupportedMediaTypeException('Unsupported Media Type text/csv'))).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    expect(run(new PayloadTooLargeException())).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });
});
