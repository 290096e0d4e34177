import { Injectable } from '@nestjs/common';
import { CooperativeId } from '../tenancy/ids';
import { DEAD_LETTER_PREFIX } from './job-queue';
import { QUEUE_SCHEMA, QueueSql } from './queue-sql';

export interface DeadLetter {
  id: string;
  /** The job that failed, e.g. `dunning`. */
  name: string;
  data: Record<string, unknown>;
  error: string;
  attempts: number;
  /** When the job was first sent; unknown when the job timed out rather than threw. */
  createdAt: Date | null;
  failedAt: Date;
}

interface DeadLetterRow {
  id: string;
  name: string;
  data: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  created_at: string | null;
  failed_at: Date;
}

// A dead letter is a job pg-boss copied into `dead-letter.<name>` after the last retry; it waits there
// (state `created`, no worker) until someone retries it. Its output is the last attempt's error.
// $1 is always the dead-letter prefix.
const COLUMNS = `id, substr(name, length($1) + 1) AS name, data,
  coalesce(output->>'message', output->'value'->>'message', 'unknown error') AS error,
  coalesce((output->>'attempts')::int, retry_limit + 1) AS attempts,
  output->>'jobCreatedOn' AS created_at, created_on AS failed_at`;
const SELECT_DEAD_LETTERS = `SELECT ${COLUMNS} FROM ${QUEUE_SCHEMA}.job WHERE starts_with(name, $1) AND state = 'created'`;

function mapRow(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    name: row.name,
    data: row.data ?? {},
    error: row.error ?? 'unknown error',
    attempts: Number(row.attempts),
    createdAt: row.created_at ? new Date(row.created_at) : null,
    failedAt: new Date(row.failed_at),
  };
}

/** pg-boss's tables hold every cooperative's jobs and no row-level security: the cooperative filter here is the only wall. */
@Injectable()
export class DeadLettersRepository {
  constructor(private readonly sql: QueueSql) {}

  async list(cooperativeId: CooperativeId): Promise<DeadLetter[]> {
    const rows = await this.sql.rows<DeadLetterRow>(`${SELECT_DEAD_LETTERS} AND data->>'cooperativeId' = $2 ORDER BY created_on DESC, id`, [DEAD_LETTER_PREFIX, cooperativeId]);
    return rows.map(mapRow);
  }

  /** Every dead letter of the platform, with or without a cooperative: for the operator's CLI. */
  async listPlatformWide(): Promise<DeadLetter[]> {
    const rows = await this.sql.rows<DeadLetterRow>(`${SELECT_DEAD_LETTERS} ORDER BY created_on DESC, id`, [DEAD_LETTER_PREFIX]);
    return rows.map(mapRow);
  }

  /** Takes the dead letter off the list; of two racing retries only one gets it back. */
  async claim(cooperativeId: CooperativeId, id: string): Promise<DeadLetter | undefined> {
    const [row] = await this.sql.rows<DeadLetterRow>(
      `UPDATE ${QUEUE_SCHEMA}.job SET state = 'completed', completed_on = now()
        WHERE starts_with(name, $1) AND id = $3 AND state = 'created' AND data->>'cooperativeId' = $2
        RETURNING ${COLUMNS}`,
      [DEAD_LETTER_PREFIX, cooperativeId, id],
    );
    return row ? mapRow(row) : undefined;
  }

  async wasRetried(cooperativeId: CooperativeId, id: string): Promise<boolean> {
    const rows = await this.sql.rows(`SELECT 1 FROM ${QUEUE_SCHEMA}.job WHERE starts_with(name, $1) AND id = $3 AND state = 'completed' AND data->>'cooperativeId' = $2`, [
      DEAD_LETTER_PREFIX,
      cooperativeId,
      id,
    ]);
    return rows.length > 0;
  }

  /** Notes on the dead letter which job replaced it. */
  async markRetriedAs(cooperativeId: CooperativeId, id: string, jobId: string | null): Promise<void> {
    await this.sql.rows(`UPDATE ${QUEUE_SCHEMA}.job SET output = coalesce(output, '{}'::jsonb) || jsonb_build_object('retriedAs', $3::text) WHERE starts_with(name, $4) AND id = $2 AND data->>'cooperativeId' = $1`, [
      cooperativeId,
      id,
      jobId,
      DEAD_LETTER_PREFIX,
    ]);
  }
}
