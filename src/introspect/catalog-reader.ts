import type { QueryResult, QueryResultRow } from 'pg';
import type { Client } from '../db/client.js';

/** What the catalog loaders need from a connection. */
export interface CatalogReader {
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

/**
 * Issues the catalog queries ahead of time on the one connection, in order, inside the same
 * transaction, so the server computes the next results while JS works on earlier ones.
 *
 * On a client in pg's pipeline mode (inspect's) every queued query is written to the server at
 * once: the server runs them back to back and never waits for JS, not even while a loader runs
 * for tens of milliseconds without yielding. After a failure the server refuses the rest (the
 * transaction is aborted), and the first error is the one a loader sees. On any other client,
 * each queued query is sent when the previous one completes (pg's own client-side queueing is
 * deprecated), and after a failure nothing more is sent.
 */
export class PrefetchingReader implements CatalogReader {
  readonly #client: Client;
  readonly #pending = new Map<string, Promise<QueryResult>>();
  /** Parameterless queries already answered in this transaction. */
  readonly #answered = new Map<string, Promise<QueryResult>>();
  #tail: Promise<void> = Promise.resolve();
  #failed = false;

  constructor(client: Client) {
    this.#client = client;
  }

  /**
   * Queue `sql` with `params`; the loader that later runs the same text with the same
   * parameters gets this result (the user pass and the managed pass run one text with two
   * namespace lists).
   */
  prefetch(sql: string, params?: unknown[]): void {
    if ((this.#client as { pipeline?: boolean }).pipeline === true) {
      const sent = this.#client.query(sql, params as unknown[]);
      // Pipelined results arrive in order: the last one sent settles last.
      this.#tail = sent.then(
        () => undefined,
        () => undefined,
      );
      this.#pending.set(pendingKey(sql, params), sent);
      return;
    }
    const p = this.#tail.then(() => {
      if (this.#failed) throw new Error('An earlier catalog query failed; this one was not sent.');
      return this.#client.query(sql, params as unknown[]);
    });
    this.#tail = p.then(
      () => undefined,
      () => {
        this.#failed = true;
      },
    );
    // The loader awaits it and sees its error; if an earlier step fails first, nobody awaits it.
    p.catch(() => undefined);
    this.#pending.set(pendingKey(sql, params), p);
  }

  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const answered = params === undefined ? this.#answered.get(sql) : undefined;
    if (answered) return answered as Promise<QueryResult<R>>;
    const key = pendingKey(sql, params);
    let p = this.#pending.get(key);
    if (p) this.#pending.delete(key);
    else p = this.#client.query(sql, params as unknown[]);
    if (params === undefined) this.#answered.set(sql, p);
    return p as Promise<QueryResult<R>>;
  }

  /** Resolves once every queued query has completed or been abandoned. */
  async drain(): Promise<void> {
    await this.#tail;
  }
}

/** Which prefetched result a query takes: same text, same parameters. */
function pendingKey(sql: string, params: unknown[] | undefined): string {
  return params === undefined ? sql : `${sql}\u0000${JSON.stringify(params)}`;
}
