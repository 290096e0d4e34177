import request from 'supertest';
import { UnitOfWork, asCooperativeId, formatDecimalCents } from '@buurtcoop/core';
import { TestApp } from '@buurtcoop/testing';

export interface PostedLine {
  code: string;
  amountCents: number;
  fundId: string | null;
}

/** The lines of the entry posted under a key, read straight from the ledger tables, ordered by account code. */
export async function entryLines(sut: TestApp, cooperativeId: string, idempotencyKey: string): Promise<PostedLine[]> {
  const rows = await sut.app.get(UnitOfWork).run({ cooperativeId: asCooperativeId(cooperativeId) }, () =>
    sut.app.get(UnitOfWork).rows<{ code: string; amount_cents: string; fund_id: string | null }>(
      `SELECT a.code, l.amount_cents, l.fund_id FROM journal_lines l
         JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
        WHERE e.cooperative_id = $1 AND e.idempotency_key = $2 ORDER BY a.code`,
      [cooperativeId, idempotencyKey],
    ),
  );
  return rows.map((r) => ({ code: r.code, amountCents: Number(r.amount_cents), fundId: r.fund_id }));
}

/**
 * Imports a one-line CAMT.053 statement crediting `amountCents` from a funder to the cooperative's
 * account, and returns the open line's id. The account is registered through the SEPA settings first.
 */
export async function importCredit(sut: TestApp, base: string, auth: { authorization: string }, credit: { iban: string; date: string; amountCents: number; payer: string; text: string; ref: string }): Promise<string> {
  await request(sut.url).put(`${base}/sepa/settings`).set(auth).send({ creditorId: 'NL57ZZZ999999999999', creditorName: 'Buurtcoöperatie', iban: credit.iban }).expect(200);
  const euros = formatDecimalCents(credit.amountCents);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>${credit.ref}</MsgId><CreDtTm>${credit.date}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${credit.ref}</Id><CreDtTm>${credit.date}T18:00:00</CreDtTm><Acct><Id><IBAN>${credit.iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${credit.date}</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${credit.date}</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">${euros}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${credit.date}</Dt></BookgDt><ValDt><Dt>${credit.date}</Dt></ValDt><AcctSvcrRef>${credit.ref}</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs/><RltdPties><Dbtr><Nm>${credit.payer}</Nm></Dbtr><DbtrAcct><Id><IBAN>NL86INGB0002445588</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>${credit.text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`;
  await request(sut.url).post(`${base}/bank-statements`).set(auth).attach('file', Buffer.from(xml), `${credit.ref}.xml`).expect(200);
  const lines = (await request(sut.url).get(`${base}/statement-lines?status=unmatched`).set(auth).expect(200)).body.items as Array<{ id: string; remittance: string | null }>;
  return (lines.find((l) => l.remittance === credit.text) as { id: string }).id;
}

/** Sum of every account's balance in the trial balance: zero when the ledger balances. */
export async function trialBalanceTotal(sut: TestApp, base: string, auth: { authorization: string }, through: string): Promise<number> {
  const trial = (await request(sut.url).get(`${base}/ledger/trial-balance`).query({ through }).set(auth).expect(200)).body as { accounts: Array<{ code: string; balanceCents: number }> };
  return trial.accounts.reduce((sum, a) => sum + a.balanceCents, 0);
}

/** Balance of one account in the trial balance (debit positive). */
export async function balanceOf(sut: TestApp, base: string, auth: { authorization: string }, code: string, through: string): Promise<number> {
  const trial = (await request(sut.url).get(`${base}/ledger/trial-balance`).query({ through }).set(auth).expect(200)).body as { accounts: Array<{ code: string; balanceCents: number }> };
  return trial.accounts.find((a) => a.code === code)?.balanceCents ?? 0;
}
