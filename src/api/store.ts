// The only place the API touches Neo4j: each method runs one parameterized Cypher file from cypher/
// in a read (or write) transaction, with a time limit, and returns plain objects. Resolvers and loaders
// call these and nothing else. Driver failures become typed GraphQL errors (UNAVAILABLE, TIMEOUT,
// BAD_USER_INPUT for the few a client's input can cause) without the database's message, classified by
// the error's code; the driver reconnects by itself when Neo4j comes back.
//
// A request works against a deadline (GraphStore.forRequest): every query gets the time that is left as
// its Neo4j transaction timeout, none starts once the time is up or the client has gone, and a query
// still running at the deadline is answered with TIMEOUT at once (Neo4j ends it at the same moment).
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { checkedParams, cypher, type CypherQuery } from '../graph/cypher.js';
import { inTransaction } from '../graph/driver.js';
import { log } from '../log.js';
import { queries } from './queries.js';
import { apiError, driverCode, isTimeout, isUnavailable, timedOut, unavailable } from './errors.js';

/**
 * Neo4j error codes that a query's input can cause, per query file: these become BAD_USER_INPUT. The search
 * query's full-text procedure fails when the Lucene query cannot be run (e.g. Lucene's TooManyClauses);
 * the argument limits (src/api/limits.ts) keep that from happening, this is the second line.
 */
const INPUT_ERRORS: Record<string, { codes: string[]; message: string }> = {
  'api/search': {
    codes: ['Neo.ClientError.Procedure.ProcedureCallFailed'],
    message: 'the search text cannot be run as a full-text query; use fewer or shorter words',
  },
};

type Params = Record<string, unknown>;

export interface Deadline {
  /** Epoch milliseconds by which the request must be answered. */
  at: number;
  /** The request's limit, for messages. */
  limitMs: number;
  /** Aborted at the deadline or when the client goes away. */
  signal: AbortSignal;
}

/**
 * At most `max` queries at a time, the others wait their turn (first come, first served). A waiting query
 * whose request runs out of time leaves the queue without having cost Neo4j anything: under a burst, the
 * requests that do run finish sooner, and the rest are answered with TIMEOUT at their deadline instead of
 * all of them crawling past it together.
 */
export class QueryGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {}

  async acquire(signal: AbortSignal | undefined): Promise<() => void> {
    if (this.running < this.max) {
      this.running++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        signal?.removeEventListener('abort', leave);
        this.running++;
        resolve();
      };
      const leave = () => {
        const i = this.waiting.indexOf(turn);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new Error('aborted while waiting'));
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(turn);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.running--;
      this.waiting.shift()?.();
    };
  }
}

/**
 * Whether the database has been unreachable since the last query that reached it. A request whose time
 * runs out while that is so (Neo4j stopped or still starting, the driver retrying its connection) is
 * answered UNAVAILABLE, not TIMEOUT: the client's request was not too slow, the database was away.
 */
class Availability {
  private unreachableSince: number | null = null;
  reached(): void {
    this.unreachableSince = null;
  }
  unreachable(): void {
    this.unreachableSince ??= Date.now();
  }
  get away(): boolean {
    return this.unreachableSince !== null;
  }
}

export class GraphStore {
  /** Queries run so far (tests use it to check that a request costs a few queries, not one per row). */
  queryCount = 0;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly timeoutMs = 15_000,
    private readonly gate = new QueryGate(8),
    private readonly deadline: Deadline | null = null,
    private readonly counter: { queryCount: number } | null = null,
    private readonly availability = new Availability(),
  ) {}

  /** A view of this store for one request: same queries and gate, bounded by the request's deadline. */
  forRequest(deadline: Deadline): GraphStore {
    return new GraphStore(
      this.driver,
      this.database,
      this.timeoutMs,
      this.gate,
      deadline,
      this.counter ?? this,
      this.availability,
    );
  }

  read<P extends Params, R extends object>(query: CypherQuery<P, R>, params: NoInfer<P>): Promise<R[]> {
    return this.run('READ', query, params);
  }

  write<P extends Params, R extends object>(query: CypherQuery<P, R>, params: NoInfer<P>): Promise<R[]> {
    return this.run('WRITE', query, params);
  }

  private async run<P extends Params, R extends object>(
    mode: 'READ' | 'WRITE',
    query: CypherQuery<P, R>,
    params: P,
  ): Promise<R[]> {
    const checked = checkedParams(query, params);
    const d = this.deadline;
    const limitMs = d ? d.limitMs : this.timeoutMs;
    if (d && (d.at <= Date.now() || d.signal.aborted)) throw this.outOfTime(limitMs);
    let release: () => void;
    try {
      release = await this.gate.acquire(d?.signal);
    } catch {
      throw this.outOfTime(limitMs); // the request's time ran out while the query waited its turn
    }
    try {
      return (await this.runNow(mode, query.file, checked, limitMs)) as R[];
    } finally {
      release();
    }
  }

  private async runNow(
    mode: 'READ' | 'WRITE',
    file: string,
    params: Params,
    limitMs: number,
  ): Promise<Params[]> {
    const d = this.deadline;
    const remaining = d ? d.at - Date.now() : this.timeoutMs;
    if (remaining <= 0 || d?.signal.aborted) throw this.outOfTime(limitMs);
    (this.counter ?? this).queryCount++;
    const work = async (tx: ManagedTransaction) => {
      const res = await tx.run(cypher(file), params);
      return res.records.map((r) => r.toObject());
    };
    // Neo4j's own limit on the transaction: the time the request has left (at least 1 ms; 0 means none).
    const config = {
      timeout: Math.max(1, Math.ceil(remaining)),
      metadata: { app: 'plantrace-api', query: file },
    };
    // Reads run as one auto-commit transaction (RUN + PULL, one round trip; no BEGIN/COMMIT), retried once
    // when Neo4j says they may be: measured 20–30% less API CPU per request than a managed read
    // transaction (docs/api-speed.md). Writes keep the managed transaction and its retries.
    const query =
      mode === 'READ'
        ? autoCommitRead(this.driver, this.database, cypher(file), params, config)
        : inTransaction(this.driver, this.database, mode, work, config);
    // Sent while the database was away (it may have come back meanwhile for other queries, while this one
    // still waits on a connection made to a server that was starting): out of time = UNAVAILABLE.
    const sentWhileAway = this.availability.away;
    try {
      const rows = d
        ? await untilAborted(query, d.signal, () => this.outOfTime(limitMs, sentWhileAway))
        : await query;
      this.availability.reached();
      return rows;
    } catch (err) {
      throw this.classify(err, file, limitMs, sentWhileAway);
    }
  }

  /** What a request whose time is up is told, when nothing of it has been answered yet. */
  atDeadline(limitMs: number): { code: 'TIMEOUT' | 'UNAVAILABLE'; message: string } {
    return this.availability.away
      ? { code: 'UNAVAILABLE', message: unavailable().message }
      : { code: 'TIMEOUT', message: timedOut(limitMs).message };
  }

  /**
   * The answer when the request's time is up: UNAVAILABLE while the database is away or was when the
   * query was sent, else TIMEOUT.
   */
  private outOfTime(limitMs: number, sentWhileAway = false): Error {
    return sentWhileAway || this.availability.away ? unavailable() : timedOut(limitMs);
  }

  private classify(err: unknown, file: string, limitMs: number, sentWhileAway: boolean): unknown {
    if (err instanceof Error && err.name === 'GraphQLError') return err; // already typed (our deadline)
    const code = driverCode(err);
    // A transaction Neo4j timed out while it was away (starting again, recovering) waited for the database.
    if (isTimeout(err)) return this.outOfTime(limitMs, sentWhileAway);
    if (isUnavailable(err)) {
      this.availability.unreachable();
      return unavailable();
    }
    this.availability.reached(); // any other answer came from the database
    const input = INPUT_ERRORS[file];
    if (input?.codes.includes(code)) return apiError('BAD_USER_INPUT', input.message);
    log.error({ query: file, code, err: (err as Error).message }, 'query failed');
    return err;
  }

  async health(): Promise<{ version: string; edition: string; nodeCount: number }> {
    const [row] = await this.read(queries.health, {});
    if (!row) throw new Error('health query returned no row');
    return row;
  }
}

/** The promise's outcome, or `onAbort()` as soon as the signal fires (the promise is left to settle). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) {
    p.catch(() => {});
    return Promise.reject(onAbort());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      p.catch(() => {}); // settles later (Neo4j ends the transaction at the same deadline)
      reject(onAbort());
    };
    signal.addEventListener('abort', abort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** A read as one auto-commit transaction; retried once when the error says it is retriable. */
async function autoCommitRead(
  driver: Driver,
  database: string,
  text: string,
  params: Params,
  config: { timeout: number; metadata: Record<string, unknown> },
): Promise<Params[]> {
  for (let attempt = 0; ; attempt++) {
    const session = driver.session({ database, defaultAccessMode: 'READ' });
    try {
      const res = await session.run(text, params, config);
      return res.records.map((r) => r.toObject());
    } catch (err) {
      if (attempt > 0 || (err as { retriable?: boolean }).retriable !== true) throw err;
    } finally {
      await session.close();
    }
  }
}
