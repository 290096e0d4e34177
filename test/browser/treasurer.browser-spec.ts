/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, BrowserSession, DEMO, DEMO_PASSWORD, DESK, logIn, openBrowser, PHONE, screenshot } from './support/browser';

/** A counterparty account no demo member or donor uses, so only the treasurer can explain the line. */
const PAYER_IBAN = 'NL20INGB0001234567';

interface OpenInvoice {
  id: string;
  number: string;
  amountCents: number;
  billedTo: { name: string | null };
}

/** The treasurer's API, for what the journey needs to exist before it starts: an invoice of its own. */
async function treasurerApi() {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.treasurer, password: DEMO_PASSWORD }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const call = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const response = await fetch(`${baseUrl()}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${accessToken}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const me = await call<{ cooperatives: Array<{ cooperativeId: string }> }>('/auth/me');
  return { call, base: `/cooperatives/${me.cooperatives[0].cooperativeId}` };
}

const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** A one-line CAMT.053 as the bank sends it: a member paying an invoice by transfer, naming its number but not the betalingskenmerk. */
function camt053(accountIban: string, day: string, line: { cents: number; name: string; text: string; ref: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>${line.ref}</MsgId><CreDtTm>${day}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${line.ref}</Id><CreDtTm>${day}T18:00:00</CreDtTm><Acct><Id><IBAN>${accountIban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">${euros(line.cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt><AcctSvcrRef>${line.ref}</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>${line.name}</Nm></Dbtr><DbtrAcct><Id><IBAN>${PAYER_IBAN}</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>${line.text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`;
}

describe('the treasurer', () => {
  let session: BrowserSession;
  afterEach(async () => {
    await session?.close();
  });

  it('imports a statement and matches a line', async () => {
    // An invoice of the journey's own, with an amount no other open invoice has.
    const { call, base } = await treasurerApi();
    const [account] = await call<Array<{ iban: string }>>(`${base}/bank-accounts`);
    const members = await call<{ items: Array<{ id: string; firstName: string | null; lastName: string | null; status: string }> }>(`${base}/members`, { method: 'GET' });
    const member = members.items.filter((m) => m.status === 'active' && m.lastName).at(-1)!;
    const cents = 4_000 + (Date.now() % 1_000);
    const invoice = await call<OpenInvoice>(`${base}/invoices`, { method: 'POST', body: { memberId: member.id, lines: [{ description: 'Huur partytent buurtfeest', amountCents: cents, accountCode: '8100' }] } });
    const day = new Date().toISOString().slice(0, 10);
    const file = join(mkdtempSync(join(tmpdir(), 'treasurer-')), 'afschrift-partytent.xml');
    writeFileSync(file, camt053(account.iban, day, { cents, name: `${member.firstName} ${member.lastName}`, text: `Partytent factuur ${invoice.number}`, ref: `JOURNEY-${Date.now()}` }));

    session = await openBrowser(DESK);
    const { page } = session;
    await page.goto('/treasury/bank-statements');
    await page.waitForURL('**/login?next=**');
    await logIn(page, DEMO.treasurer);
    await page.getByRole('heading', { level: 1, name: 'Bankafschriften' }).waitFor();

    await page.getByLabel('Bankafschrift', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Afschrift inlezen' }).click();
    await page.getByRole('progressbar').waitFor();
    const result = page.getByRole('region', { name: 'Resultaat van het inlezen' });
    await result.waitFor();
    expect(await result.getByRole('status').textContent()).toContain('Nieuwe regels: 1; meteen afgeletterd: 0; op de werklijst: 1');
    expect(await page.getByRole('progressbar').getAttribute('value')).toBe('100');
    await screenshot(page, 'treasurer-import');

    await result.getByRole('link', { name: 'Naar de werklijst' }).click();
    await page.getByRole('heading', { level: 1, name: 'Afletteren' }).waitFor();
    const amount = new RegExp(`${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`);
    const line = page.getByRole('article', { name: amount });
    await line.getByText(`Factuur ${invoice.number}`, { exact: true }).waitFor();
    await line.getByRole('button', { name: new RegExp(`aan factuur ${invoice.number}$`) }).click();
    await page.getByRole('status').filter({ hasText: `gekoppeld aan factuur ${invoice.number}` }).waitFor();

    await page.getByRole('radio', { name: 'Afgeletterd' }).check();
    const matched = page.getByRole('article', { name: amount });
    await matched.getByText('Afgeletterd', { exact: true }).waitFor();
    expect(await matched.textContent()).toContain(`factuur (met de hand): ${invoice.number}`);
    await matched.getByRole('button', { name: /^Ongedaan maken: afletteren van de bankregel / }).waitFor();
    await screenshot(page, 'treasurer-journey');
    expect(session.problems).toEqual([]);
  });

  it('fits the worklist on a 360 px phone', async () => {
    session = await openBrowser(PHONE);
    const { page } = session;
    await page.goto('/treasury/reconciliation');
    await page.waitForURL('**/login?next=**');
    await logIn(page, DEMO.treasurer);
    await page.getByRole('heading', { level: 1, name: 'Afletteren' }).waitFor();
    await page.getByRole('article').first().waitFor();
    await page.getByText('Saldo volgens de bank').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'treasurer-worklist-phone');
    expect(session.problems).toEqual([]);
  });

  it('reads the overview, dues, direct debits and the books', async () => {
    session = await openBrowser(DESK);
    const { page } = session;
    await page.goto('/treasury/overview');
    await page.waitForURL('**/login?next=**');
    await logIn(page, DEMO.treasurer);
    for (const [path, heading, shown] of [
      ['/treasury/overview', 'Overzicht penningmeester', 'Bank (1100)'],
      ['/treasury/dues', 'Contributie', 'Contributieplannen'],
      ['/treasury/sepa', 'Incasso’s', 'Incassobatch 1'],
      ['/treasury/ledger', 'Boekhouding', 'Totaal activa'],
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByText(shown, { exact: true }).first().waitFor();
      await screenshot(page, `treasurer${path.replace('/treasury', '').replace('/', '-')}`);
    }
    expect(session.problems).toEqual([]);
  });
});
