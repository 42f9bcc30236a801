// Typed GraphQL errors. Clients switch on `extensions.code`; messages never carry database text.
import { GraphQLError } from 'graphql';
import { isServerUnavailable } from '../graph/driver.js';

export const notFound = (what: string, id: string) =>
  new GraphQLError(`${what} ${id} not found`, { extensions: { code: 'NOT_FOUND', id } });

export const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

export const unauthenticated = () =>
  new GraphQLError('this mutation needs a valid x-api-key header', {
    extensions: { code: 'UNAUTHENTICATED' },
  });

export const unavailable = () =>
  new GraphQLError('the graph database is unavailable; try again shortly', {
    extensions: { code: 'UNAVAILABLE' },
  });

/**
 * Driver errors that mean "Neo4j is down or restarting", as opposed to a bad query: the server being
 * unreachable, a transient error, or a connection that cannot be made or acquired.
 */
export function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return (
    isServerUnavailable(err) ||
    code.startsWith('Neo.TransientError.') ||
    /ECONNREFUSED|connect|Pool is closed|acquisition timed out/i.test((err as Error).message ?? '')
  );
}

/** Upper bound on page sizes: lists that grow are paginated, never returned whole. */
export const MAX_PAGE = 100;

export function pageArgs(
  first: number | null | undefined,
  after: string | null | undefined,
): { offset: number; limit: number } {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw badInput(`first must be between 1 and ${MAX_PAGE}`);
  let offset = 0;
  if (after) {
    const decoded = Number(
      Buffer.from(after, 'base64url')
        .toString('utf8')
        .replace(/^offset:/, ''),
    );
    if (!Number.isInteger(decoded) || decoded < 0) throw badInput('after is not a cursor this API issued');
    offset = decoded;
  }
  return { offset, limit };
}

export const cursorAt = (offset: number) => Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');

export function pageInfo(offset: number, count: number, total: number) {
  const end = offset + count;
  return { hasNextPage: end < total, endCursor: count > 0 ? cursorAt(end) : null };
}
