import { QueryFailedError } from 'typeorm';
import { TestDatabase, createTestDatabase } from '@buurtcoop/testing';
import { loadConfig } from '../config/config';
import { Database } from '../database/database';
import { CORE_SCHEMA } from './schema';
import { UnitOfWork } from './unit-of-work';
import { asCooperativeId } from '../tenancy/ids';
import { AuditEvent } from '../audit/entities/audit-event.entity';

describe(UnitOfWork.name, () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let sut: UnitOfWork;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDatabase.url, JWT_SECRET: 'x'.repeat(40) });
    if (testDatabase.kind === 'embedded') config.databasePoolSize = 1;
    database = await Database.open(config, [CORE_SCHEMA]);
    sut = new UnitOfWork(database.dataSource);
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  const serializationFailure = () => new QueryFailedError('UPDATE …', [], Object.assign(new Error('could not serialize access'), { code: '40001' }));

  it('runs as the app role with the tenant set, and forgets both at commit', async () => {
    const tenant = asCooperativeId('6f1d3c1e-0000-4000-8000-000000000001');
    const inside = await sut.run({ cooperativeId: tenant }, (m) => m.query(`SELECT current_user AS who, app_cooperative_id() AS tenant`));
    expect(inside).toEqual([{ who: 'buurtcoop_app', tenant }]);
    const after = await database.dataSource.query(`SELECT current_user AS who, app_cooperative_id() AS tenant`);
    expect(after[0].who).not.toBe('buurtcoop_app');
    expect(after[0].tenant).toBeNull();
  });

  it('turns the rows of INSERT … RETURNING * into the entities a read would give (identity, jsonb, timestamptz, nulls)', async () => {
    const [written, read] = await sut.run({ as: 'owner' }, async (m) => {
      const [event] = await sut.entities(
        AuditEvent,
        `INSERT INTO audit_events (action, object_type, details) VALUES ('municipality.create', 'municipality', '{"cbs": "1773", "n": 2}') RETURNING *`,
      );
      return [event, await m.getRepository(AuditEvent).findOneByOrFail({ id: event.id })];
    });
    expect(written).toBeInstanceOf(AuditEvent);
    expect(written).toEqual(read);
    expect(written.details).toEqual({ cbs: '1773', n: 2 });
    expect(written.cooperativeId).toBeNull();
    expect(written.occurredAt).toBeInstanceOf(Date);
  });

  it('refuses a query outside a transaction', () => {
    expect(() => sut.manager()).toThrow('No transaction is open');
  });

  it('rolls everything back when the work fails', async () => {
    await expect(
      sut.run({ as: 'owner' }, async (m) => {
        await m.query(`INSERT INTO municipalities (name, cbs_code) VALUES ('Olst-Wijhe', '1773')`);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await database.dataSource.query(`SELECT * FROM municipalities WHERE cbs_code = '1773'`)).toEqual([]);
  });

  it('retries a serialization failure and succeeds on a later attempt, committing once', async () => {
    let attempts = 0;
    const result = await sut.runWithRetry({ as: 'owner' }, async (m) => {
      attempts++;
      await m.query(`INSERT INTO municipalities (name, cbs_code) VALUES ('Raalte', '0177')`);
      if (attempts < 3) throw serializationFailure();
      return 'done';
    });
    expect({ result, attempts }).toEqual({ result: 'done', attempts: 3 });
    expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM municipalities WHERE cbs_code = '0177'`)).toEqual([{ n: 1 }]);
  });

  it('gives up after three attempts and rethrows, for the filter to answer 409', async () => {
    let attempts = 0;
    await expect(
      sut.runWithRetry({ as: 'owner' }, async () => {
        attempts++;
        throw serializationFailure();
      }),
    ).rejects.toMatchObject({ driverError: { code: '40001' } });
    expect(attempts).toBe(3);
  });

  it('does not retry other errors', async () => {
    let attempts = 0;
    await expect(
      sut.runWithRetry({ as: 'owner' }, async () => {
        attempts++;
        throw new Error('bug');
      }),
    ).rejects.toThrow('bug');
    expect(attempts).toBe(1);
  });
});
