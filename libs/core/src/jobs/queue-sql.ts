import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type PgBoss from 'pg-boss';
import { APP_ROLE, UnitOfWork } from '../database/unit-of-work';

/** Where pg-boss keeps its tables. pg-boss creates the schema itself when the queue starts. */
export const QUEUE_SCHEMA = 'pgboss';

/**
 * The two ways the queue reaches the database, both through the product's own pool: never a second
 * pool, because embedded PGlite is one session and a second connection waiting behind an open
 * transaction would wait for ever.
 */
@Injectable()
export class QueueSql {
  private inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Runs a statement on pg-boss's tables in the caller's transaction (opening one as the owner when
   * there is none). pg-boss's tables belong to the owner: a request's transaction steps out of the
   * app role for this one statement and back, so the app role needs no grants on them.
   */
  async rows<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.uow.run({ as: 'owner' }, async () => {
      const asApp = (this.uow.current.scope.as ?? 'app') === 'app';
      if (asApp) await this.uow.rows(`SELECT set_config('role', 'none', true)`);
      const rows = await this.uow.rows<T>(sql, parameters);
      if (asApp) await this.uow.rows(`SELECT set_config('role', $1, true)`, [APP_ROLE]);
      return rows;
    });
  }

  /** pg-boss's executor on the caller's transaction: a job sent through it commits or rolls back with the business change. */
  readonly inTransaction: PgBoss.Db = {
    executeSql: async (text: string, values: unknown[]) => ({ rows: await this.rows(text, values ?? []) }),
  };

  /** pg-boss's executor for its own work (install, polling, completing): a connection of the pool, outside any transaction. */
  readonly onPool: PgBoss.Db = {
    executeSql: (text: string, values: unknown[]) => {
      if (this.closed) return Promise.reject(new Error('The job queue is stopped'));
      const pool = (this.dataSource.driver as unknown as { master: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } }).master;
      const query = pool.query(text, values);
      this.inFlight.add(query);
      void query.catch(() => undefined).finally(() => this.inFlight.delete(query));
      return query as Promise<{ rows: never[] }>;
    },
  };

  /** Waits for the queue's statements still running (pg-boss completes jobs without awaiting), then refuses new ones. */
  async close(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.closed = true;
  }
}
