import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import { CooperativeId, UserId } from '../tenancy/ids';

/** The role every request's transaction switches to: not the owner, so row-level security applies. */
export const APP_ROLE = 'buurtcoop_app';

export interface TransactionScope {
  /** Sets `app.cooperative_id`; without it the tenant tables show no rows. */
  cooperativeId?: CooperativeId;
  /** Sets `app.user_id`, which lets a user see their own role assignments in every cooperative. */
  userId?: UserId;
  /** `owner` skips the role switch: migrations, the CLI and the worker's maintenance jobs. */
  as?: 'app' | 'owner';
}

export interface TransactionContext {
  readonly manager: EntityManager;
  readonly scope: TransactionScope;
  /** Work to do once the transaction has committed (e.g. wake the worker). */
  readonly afterCommit: Array<() => void>;
  auditEntries: number;
}

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';

export function isRetryableTransactionError(error: unknown): boolean {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: string })?.code : undefined;
  return code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED;
}

/**
 * Owns the transaction. Everything inside `run` uses the same manager, found through async-local
 * storage, so a repository can never query outside the current transaction by accident.
 */
@Injectable()
export class UnitOfWork {
  private readonly storage = new AsyncLocalStorage<TransactionContext>();

  constructor(private readonly dataSource: DataSource) {}

  get current(): TransactionContext {
    const context = this.storage.getStore();
    if (!context) throw new Error('No transaction is open: wrap the work in UnitOfWork.run()');
    return context;
  }

  get currentOrUndefined(): TransactionContext | undefined {
    return this.storage.getStore();
  }

  manager(): EntityManager {
    return this.current.manager;
  }

  /** Runs SQL in the current transaction and returns its rows, whatever the statement (UPDATE/DELETE … RETURNING too). */
  async rows<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const runner = this.current.manager.queryRunner;
    if (!runner) throw new Error('The current transaction has no query runner');
    const result = await runner.query(sql, parameters, true);
    return result.records as T[];
  }

  /**
   * Runs SQL that returns whole rows of an entity's table (`INSERT … RETURNING *`) and turns them into entities,
   * as TypeORM's own reads would: each column through the driver's conversion and the column's transformer.
   * Saves the read after a write.
   */
  async entities<T extends ObjectLiteral>(target: EntityTarget<T>, sql: string, parameters: unknown[] = []): Promise<T[]> {
    const manager = this.manager();
    const metadata = manager.connection.getMetadata(target);
    const driver = manager.connection.driver;
    return (await this.rows<Record<string, unknown>>(sql, parameters)).map((row) => {
      const entity = metadata.create() as T;
      for (const column of metadata.columns) column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
      return entity;
    });
  }

  /** Runs `work` in one transaction with the given tenant; joins the open transaction when there is one. */
  async run<T>(scope: TransactionScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = this.storage.getStore();
    if (open) {
      if (scope.cooperativeId && open.scope.cooperativeId !== scope.cooperativeId) {
        throw new Error('A transaction cannot switch to another cooperative');
      }
      return work(open.manager);
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const afterCommit: Array<() => void> = [];
    try {
      await runner.startTransaction();
      // Role and tenant in one round trip: set_config('role', …, true) is SET LOCAL ROLE.
      if ((scope.as ?? 'app') === 'app') {
        await runner.query(`SELECT set_config('role', $1, true), set_config('app.cooperative_id', $2, true), set_config('app.user_id', $3, true)`, [
          APP_ROLE,
          scope.cooperativeId ?? '',
          scope.userId ?? '',
        ]);
      } else if (scope.cooperativeId || scope.userId) {
        await runner.query(`SELECT set_config('app.cooperative_id', $1, true), set_config('app.user_id', $2, true)`, [scope.cooperativeId ?? '', scope.userId ?? '']);
      }
      const context: TransactionContext = { manager: runner.manager, scope, afterCommit, auditEntries: 0 };
      const result = await this.storage.run(context, () => work(runner.manager));
      await runner.commitTransaction();
      for (const callback of afterCommit) callback();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** `run`, retried when PostgreSQL reports a serialization failure or deadlock. */
  async runWithRetry<T>(scope: TransactionScope, work: (manager: EntityManager) => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run(scope, work);
      } catch (error) {
        if (attempt >= attempts || this.storage.getStore() || !isRetryableTransactionError(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
      }
    }
  }
}
