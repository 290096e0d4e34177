import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { LedgerService } from '@buurtcoop/finance';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';

describe('Ledger', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };
  let accounts: Record<string, string>;
  let codes: string[];

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'grootboek');
    base = `/api/v1/cooperatives/${coop.cooperativeId}/ledger`;
    treasurer = bearer(await coop.token('treasurer'));
    const list = (await request(sut.url).get(`${base}/accounts`).set(treasurer).expect(200)).body;
    accounts = Object.fromEntries(list.map((a: { code: string; id: string }) => [a.code, a.id]));
    codes = list.map((a: { code: string }) => a.code);
  });
  afterAll(() => sut.close());

  const entry = (key: string, lines: Array<[string, number]>, entryDate = '2026-11-20') => ({
    entryDate,
    description: `Boeking ${key}`,
    idempotencyKey: key,
    lines: lines.map(([code, amountCents]) => ({ accountId: accounts[code], amountCents })),
  });
  const post = (body: object, auth = treasurer) => request(sut.url).post(`${base}/entries`).set(auth).send(body);

  it('seeds a Dutch association’s chart of accounts for every new cooperative', () => {
    expect(codes).toEqual(['0500', '0900', '1100', '1150', '1300', '1400', '1600', '1700', '4000', '4100', '4200', '4300', '4400', '8000', '8100', '8200', '8300', '8400']);
  });

  it('lets the treasurer post and the board read, nobody else', async () => {
    const posted = await post(entry('gift-001', [['1100', 2500], ['8200', -2500]])).expect(200);
    expect(posted.body).toMatchObject({ applied: true, entryDate: '2026-11-20', lines: expect.arrayContaining([{ accountId: accounts['1100'], amountCents: 2500 }]) });
    const board = bearer(await coop.token('board'));
    await request(sut.url).get(`${base}/entries/${posted.body.id}`).set(board).expect(200);
    await post(entry('gift-002', [['1100', 100], ['8200', -100]]), board).expect(403);
    await request(sut.url).get(`${base}/trial-balance`).set(bearer(await coop.token('member'))).expect(403);
    await request(sut.url).get(`${base}/trial-balance`).set(bearer(await coop.token('coordinator'))).expect(403);
  });

  const UNKNOWN = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
  it.each([
    ['an unbalanced entry', () => entry('fout-1', [['1100', 2500], ['8200', -2400]]), 422, 'entry_unbalanced'],
    ['a zero amount', () => entry('fout-2', [['1100', 0], ['8200', 0]]), 422, 'amount_out_of_range'],
    ['a single line', () => entry('fout-3', [['1100', 2500]]), 400, 'validation_failed'],
    ['a fraction of a cent', () => ({ ...entry('fout-4', []), lines: [{ accountId: accounts['1100'], amountCents: 2.5 }, { accountId: accounts['8200'], amountCents: -2.5 }] }), 400, 'validation_failed'],
    ['an unknown account', () => ({ ...entry('fout-5', []), lines: [{ accountId: UNKNOWN[0], amountCents: 5 }, { accountId: UNKNOWN[1], amountCents: -5 }] }), 422, 'account_unknown'],
    ['a date that does not exist', () => entry('fout-6', [['1100', 1], ['8200', -1]], '2026-02-30'), 400, 'validation_failed'],
  ] as const)('refuses %s with a problem naming what is wrong, and stores nothing', async (_, body, status, code) => {
    const before = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM journal_entries`);
    const response = await post(body()).expect(status);
    expect(response.body.code).toBe(code);
    expect(response.body.errors?.length ?? 0).toBeGreaterThan(0);
    expect(await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM journal_entries`)).toEqual(before);
  });

  it('treats a repeated key as already applied, and the same key for another entry as a conflict', async () => {
    const first = await post(entry('bank-2026-11-03-1', [['1100', 1250], ['1300', -1250]])).expect(200);
    const again = await post(entry('bank-2026-11-03-1', [['1100', 1250], ['1300', -1250]])).expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, applied: false });
    const other = await post(entry('bank-2026-11-03-1', [['1100', 999], ['1300', -999]])).expect(409);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused', errors: [{ field: 'idempotencyKey', messages: [expect.any(String)] }] });
    // Twenty deliveries of the same key at once post once.
    const racing = await Promise.all(Array.from({ length: 20 }, () => post(entry('stripe-evt-1', [['1150', 4000], ['8100', -4000]]))));
    expect(racing.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(racing.filter((r) => r.body.applied)).toHaveLength(1);
  });

  it('corrects by a reversal entry linked to the original; reversing twice gives the same reversal', async () => {
    const original = await post(entry('contributie-fout', [['1300', 3600], ['8000', -3600]])).expect(200);
    const reversal = await request(sut.url).post(`${base}/entries/${original.body.id}/reverse`).set(treasurer).send({}).expect(200);
    expect(reversal.body).toMatchObject({ applied: true, reversesEntryId: original.body.id, description: 'Correctie van: Boeking contributie-fout' });
    expect(reversal.body.lines.map((l: { amountCents: number }) => l.amountCents).sort()).toEqual([-3600, 3600]);
    const twice = await request(sut.url).post(`${base}/entries/${original.body.id}/reverse`).set(treasurer).send({}).expect(200);
    expect(twice.body).toMatchObject({ id: reversal.body.id, applied: false });
  });

  it('keeps the books append-only, for the app role and for the owner', async () => {
    const runner = sut.database.dataSource.createQueryRunner();
    await runner.connect();
    try {
      for (const sql of [`UPDATE journal_lines SET amount_cents = 1`, `DELETE FROM journal_entries`]) {
        await runner.startTransaction();
        await runner.query('SET LOCAL ROLE buurtcoop_app');
        await runner.query(`SELECT set_config('app.cooperative_id', $1, true)`, [coop.cooperativeId]);
        await expect(runner.query(sql)).rejects.toMatchObject({ driverError: { code: '42501' } });
        await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
    for (const sql of [`UPDATE journal_lines SET amount_cents = 1`, `DELETE FROM journal_lines`, `TRUNCATE journal_lines CASCADE`, `TRUNCATE journal_entries CASCADE`]) {
      await expect(sut.database.dataSource.query(sql)).rejects.toMatchObject({ message: expect.stringContaining('append-only') });
    }
  });

  it('refuses at commit an entry whose lines do not balance, even written past the service', async () => {
    const attempt = sut.database.dataSource.transaction(async (m) => {
      const [e] = await m.query(`INSERT INTO journal_entries (cooperative_id, entry_date, description, idempotency_key) VALUES ($1, '2026-11-21', 'scheef', 'raw-1') RETURNING id`, [coop.cooperativeId]);
      await m.query(`INSERT INTO journal_lines (cooperative_id, entry_id, account_id, amount_cents) VALUES ($1, $2, $3, 100), ($1, $2, $4, -99)`, [coop.cooperativeId, e.id, accounts['1100'], accounts['8200']]);
    });
    await expect(attempt).rejects.toMatchObject({ message: expect.stringContaining('does not balance') });
    const lonely = sut.database.dataSource.transaction((m) => m.query(`INSERT INTO journal_entries (cooperative_id, entry_date, description, idempotency_key) VALUES ($1, '2026-11-21', 'leeg', 'raw-2')`, [coop.cooperativeId]));
    await expect(lonely).rejects.toMatchObject({ message: expect.stringContaining('does not balance') });
    expect(await sut.database.dataSource.query(`SELECT 1 FROM journal_entries WHERE idempotency_key LIKE 'raw-%'`)).toEqual([]);
  });

  it('closes periods: nothing may be dated in them, and a closing only moves forward', async () => {
    const other = await createTestCooperative(sut, 'afgesloten');
    const otherBase = `/api/v1/cooperatives/${other.cooperativeId}/ledger`;
    const auth = bearer(await other.token('treasurer'));
    const ids = Object.fromEntries(((await request(sut.url).get(`${otherBase}/accounts`).set(auth)).body as Array<{ code: string; id: string }>).map((a) => [a.code, a.id]));
    const body = (date: string, key: string) => ({ entryDate: date, description: 'Rente', idempotencyKey: key, lines: [{ accountId: ids['1100'], amountCents: 12 }, { accountId: ids['8200'], amountCents: -12 }] });
    await request(sut.url).post(`${otherBase}/entries`).set(auth).send(body('2026-09-30', 'rente-q3')).expect(200);
    await request(sut.url).post(`${otherBase}/close`).set(auth).send({ through: '2026-09-30' }).expect(200);
    const closed = await request(sut.url).post(`${otherBase}/entries`).set(auth).send(body('2026-09-15', 'rente-laat')).expect(409);
    expect(closed.body).toMatchObject({ code: 'period_closed', errors: [{ field: 'entryDate', messages: [expect.stringContaining('2026-09-30')] }] });
    await request(sut.url).post(`${otherBase}/entries`).set(auth).send(body('2026-10-01', 'rente-okt')).expect(200);
    await request(sut.url).post(`${otherBase}/close`).set(auth).send({ through: '2026-06-30' }).expect(409);
    // PostgreSQL refuses it too.
    const raw = sut.database.dataSource.query(`INSERT INTO journal_entries (cooperative_id, entry_date, description, idempotency_key) VALUES ($1, '2026-09-01', 'x', 'raw-closed')`, [other.cooperativeId]);
    await expect(raw).rejects.toMatchObject({ message: expect.stringContaining('closed') });
  });

  it('reports a zero trial balance, and a balance sheet that balances with the result', async () => {
    const trial = await request(sut.url).get(`${base}/trial-balance`).query({ through: '2026-12-31' }).set(treasurer).expect(200);
    expect(trial.body.totalCents).toBe(0);
    const cash = trial.body.accounts.find((a: { code: string }) => a.code === '1100');
    expect(cash.balanceCents).toBeGreaterThan(0);
    const statements = await request(sut.url).get(`${base}/statements`).query({ from: '2026-01-01', through: '2026-12-31' }).set(treasurer).expect(200);
    expect(statements.body.balanceSheet.totalAssetsCents).toBe(statements.body.balanceSheet.totalLiabilitiesAndEquityCents);
    expect(statements.body.incomeStatement.resultCents).toBe(statements.body.incomeStatement.totalIncomeCents - statements.body.incomeStatement.totalExpenseCents);
    const lines = await request(sut.url).get(`${base}/accounts/${accounts['1100']}/lines`).query({ through: '2026-12-31' }).set(treasurer).expect(200);
    expect(lines.body.at(-1).balanceCents).toBe(cash.balanceCents);
    await request(sut.url).get(`${base}/trial-balance`).query({ through: '31-12-2026' }).set(treasurer).expect(400);
  });

  it('answers 404 for the lines of an account that is not this cooperative’s, or nobody’s', async () => {
    const other = await createTestCooperative(sut, 'ander-grootboek');
    const theirs = (await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/ledger/accounts`).set(bearer(await other.token('treasurer'))).expect(200)).body;
    for (const accountId of [theirs[0].id, randomUUID()]) {
      const missing = await request(sut.url).get(`${base}/accounts/${accountId}/lines`).set(treasurer).expect(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.body).toMatchObject({ code: 'account_not_found', detail: 'Account was not found' });
    }
  });

  it('keeps every invariant under random posts, duplicates, reversals and unbalanced attempts (property)', async () => {
    const ledger = sut.app.get(LedgerService);
    const uow = sut.app.get(UnitOfWork);
    const codes = ['1100', '1150', '1300', '1600', '4000', '4100', '8000', '8100', '8200'];
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('post' as const), key: fc.integer({ min: 0, max: 30 }), amounts: fc.array(fc.tuple(fc.constantFrom(...codes), fc.integer({ min: -500_000, max: 500_000 }).filter((n) => n !== 0)), { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('unbalanced' as const), amount: fc.integer({ min: 1, max: 1000 }) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 25 }), async (operations) => {
        const other = await createTestCooperative(sut, `prop${run++}`);
        const cooperativeId = asCooperativeId(other.cooperativeId);
        const ids = Object.fromEntries((await uow.run({ cooperativeId }, () => ledger.accounts(cooperativeId))).map((a) => [a.code, a.id]));
        const posted: string[] = [];
        const keys = new Map<number, string>();
        for (const op of operations) {
          if (op.kind === 'post') {
            // Balanced by construction: the last line takes the rest, on the bank account.
            const lines = op.amounts.map(([code, amountCents]) => ({ accountId: ids[code], amountCents }));
            const rest = -lines.reduce((sum, l) => sum + l.amountCents, 0);
            if (rest !== 0) lines.push({ accountId: ids['1100'], amountCents: rest });
            if (lines.length < 2) continue;
            const key = `k${op.key}`;
            const signature = lines.map((l) => `${l.accountId}:${l.amountCents}`).sort().join('|');
            const outcome = await uow
              .run({ cooperativeId }, () => ledger.post(cooperativeId, { entryDate: '2026-11-20', description: key, idempotencyKey: key, lines }, null))
              .then((p) => p, (e: { code?: string }) => e);
            if ('applied' in outcome) {
              if (outcome.applied) {
                posted.push(outcome.entry.id);
                keys.set(op.key, signature);
              } else expect(keys.get(op.key)).toBe(signature);
            } else {
              // Only a reused key with different lines may be refused.
              expect(outcome.code).toBe('idempotency_key_reused');
              expect(keys.get(op.key)).not.toBe(signature);
            }
          } else if (op.kind === 'reverse' && posted.length > 0) {
            await uow.run({ cooperativeId }, () => ledger.reverse(cooperativeId, posted[op.pick % posted.length], null));
          } else if (op.kind === 'unbalanced') {
            const attempt = uow.run({ cooperativeId }, () =>
              ledger.post(cooperativeId, { entryDate: '2026-11-20', description: 'scheef', idempotencyKey: `u${op.amount}`, lines: [{ accountId: ids['1100'], amountCents: op.amount }, { accountId: ids['8200'], amountCents: -op.amount - 1 }] }, null),
            );
            await expect(attempt).rejects.toMatchObject({ code: 'entry_unbalanced' });
          }
        }
        const sums = await sut.database.dataSource.query(
          `SELECT e.id, sum(l.amount_cents)::bigint AS total, count(l.id)::int AS lines FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id AND l.cooperative_id = e.cooperative_id WHERE e.cooperative_id = $1 GROUP BY e.id`,
          [cooperativeId],
        );
        for (const row of sums) expect({ total: Number(row.total), enough: row.lines >= 2 }).toEqual({ total: 0, enough: true });
        const entries = await sut.database.dataSource.query(`SELECT count(*)::int AS n, count(reverses_entry_id)::int AS reversals, count(DISTINCT reverses_entry_id)::int AS reversed FROM journal_entries WHERE cooperative_id = $1`, [cooperativeId]);
        expect(entries[0].n).toBe(posted.length + entries[0].reversals);
        expect(entries[0].reversals).toBe(entries[0].reversed);
        const trial = await uow.run({ cooperativeId }, () => ledger.trialBalance(cooperativeId, null, '2099-12-31'));
        expect(trial.reduce((sum, a) => sum + a.balanceCents, 0)).toBe(0);
      }),
      { numRuns: 12 },
    );
  });
});
