// Typed GraphQL errors. Clients switch on `extensions.code`; messages never carry database text, stack
// traces or paths. Every code a client can see is in ErrorCode, with the HTTP status it answers with
// when the error decides the response (request errors, or execution errors with no data).
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { isServerUnavailable } from '../graph/driver.js';

/** Every `extensions.code` the API answers with (server and tests share this list). */
export const ErrorCode = z.enum([
  /** The query text is not GraphQL, or has more tokens than allowed. */
  'GRAPHQL_PARSE_FAILED',
  /** Valid GraphQL that does not fit the schema, or exceeds the depth, cost, alias or directive limits. */
  'GRAPHQL_VALIDATION_FAILED',
  /** An argument or variable out of bounds (length, list size, cursor, page size, unknown value). */
  'BAD_USER_INPUT',
  /** The HTTP request itself is wrong: malformed JSON, no query, a GET mutation, a missing CSRF header. */
  'BAD_REQUEST',
  /** An operationName that names no operation of the document. */
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
  /** A mutation without a valid x-api-key header. */
  'UNAUTHENTICATED',
  'NOT_FOUND',
  /** The body is over the size limit. */
  'PAYLOAD_TOO_LARGE',
  /** A content type, charset or content encoding the API does not read (JSON in UTF-8, identity/gzip/deflate/br). */
  'UNSUPPORTED_MEDIA_TYPE',
  /** The request took longer than PLANTRACE_REQUEST_TIMEOUT_MS (its queries are cancelled). */
  'TIMEOUT',
  /** Neo4j is down or restarting; try again shortly. */
  'UNAVAILABLE',
  /** Anything else: a bug. The message is always just "internal error". */
  'INTERNAL_SERVER_ERROR',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The HTTP status of each code. */
export const httpStatusOf: Record<ErrorCode, number> = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 200,
  PERSISTED_QUERY_NOT_FOUND: 200,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TIMEOUT: 504,
  UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** A typed error: its code and, for errors that decide the response, the HTTP status of the code. */
export function apiError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const notFound = (what: string, id: string) =>
  apiError('NOT_FOUND', `${what} ${id} not found`, { id });

export const badInput = (message: string) => apiError('BAD_USER_INPUT', message);

/** An argument error found before execution: the whole request is refused with 400. */
export const badRequestInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

export const unauthenticated = () =>
  apiError('UNAUTHENTICATED', 'this mutation needs a valid x-api-key header');

export const unavailable = () =>
  apiError('UNAVAILABLE', 'the graph database is unavailable; try again shortly');

export const timedOut = (limitMs: number) =>
  apiError('TIMEOUT', `the request took longer than its time limit of ${limitMs} ms`);

/** A JSON error body in the GraphQL shape, for errors that happen outside GraphQL execution. */
export function errorBody(code: ErrorCode, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** The driver error's `code` (Neo4j status codes like Neo.ClientError.…, or the driver's own). */
export const driverCode = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * Driver errors that mean "Neo4j is down or restarting", as opposed to a bad query: the server being
 * unreachable, a transient error (except a timeout), or a connection that cannot be made or acquired.
 * Classified by the error's code only.
 */
export function isUnavailable(err: unknown): boolean {
  const code = driverCode(err);
  return (
    isServerUnavailable(err) ||
    (code.startsWith('Neo.TransientError.') && !isTimeout(err)) ||
    code === 'Neo.ClientError.Security.AuthorizationExpired' ||
    // The driver's own errors about its connection pool (closed, or no connection within its acquisition
    // timeout) carry no code of their own: 'N/A'. Errors of a query always come with a Neo.* code.
    code === 'N/A'
  );
}

/** A transaction that ran out of its time (the request's remaining time) or was terminated for it. */
export function isTimeout(err: unknown): boolean {
  const code = driverCode(err);
  return (
    code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
    code === 'Neo.TransientError.Transaction.LockClientStopped' ||
    code === 'Neo.ClientError.Transaction.LockClientStopped' ||
    code === 'Neo.TransientError.Transaction.Terminated' ||
    code === 'Neo.ClientError.Transaction.Terminated' ||
    code === 'Neo.TransientError.Transaction.TransactionTimedOut'
  );
}

/** Upper bound on page sizes: lists that grow are paginated, never returned whole. */
export const MAX_PAGE = 100;
/** Cursors are offsets; a page past this many rows is refused (Neo4j SKIP takes a 32-bit count here). */
export const MAX_OFFSET = 1_000_000;

const CURSOR = /^offset:(0|[1-9]\d{0,15})$/;

/** The offset a cursor stands for, or null when the string is not a cursor this API issued. */
export function decodeCursor(after: string): number | null {
  if (after.length > 64 || !/^[A-Za-z0-9_-]+$/.test(after)) return null;
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const m = CURSOR.exec(text);
  if (!m || cursorAt(Number(m[1])) !== after) return null;
  const offset = Number(m[1]);
  return offset <= MAX_OFFSET ? offset : null;
}

export function pageArgs(
  first: number | null | undefined,
  after: string | null | undefined,
): { offset: number; limit: number } {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw badInput(`first must be between 1 and ${MAX_PAGE}`);
  let offset = 0;
  if (after !== null && after !== undefined) {
    const decoded = decodeCursor(after);
    if (decoded === null) throw badInput('after is not a cursor this API issued');
    offset = decoded;
  }
  return { offset, limit };
}

export const cursorAt = (offset: number) => Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');

export function pageInfo(offset: number, count: number, total: number) {
  const end = offset + count;
  return { hasNextPage: end < total, endCursor: count > 0 ? cursorAt(end) : null };
}
