import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@buurtcoop/testing';

/** The demo cooperative's account, from its SEPA creditor details. */
const DEMO_IBAN = 'NL91ABNA0417164300';

describe('Finance on the command line', () => {
  let dir: string;
  const cli = (args: string[]) => runCli(join(dir, 'data'), args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'buurtcoop-finance-cli-'));
    const seeded = await cli(['demo:seed']);
    if (seeded.code !== 0) throw new Error(`demo:seed failed:\n${seeded.stdout}\n${seeded.stderr}`);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the dues of a period with a progress bar, and adds nothing the second time', async () => {
    const run = await cli(['dues:run', '--cooperative', 'rivierenwijk', '--period', '2031', '--issue-date', '2030-12-01']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Contributie 2031 \[[=-]*\] \d+\/\d+ facturen/);
    const issued = Number(/contributie 2031: (\d+) invoice\(s\) issued now/.exec(run.stdout)?.[1]);
    expect(issued).toBeGreaterThan(0);
    expect(run.stdout).toContain('issued 2030-12-01, due 2030-12-31');
    const again = await cli(['dues:run', '--cooperative', 'rivierenwijk', '--period', '2031']);
    expect(again.stdout).toContain(`contributie 2031: 0 invoice(s) issued now; the run holds 0 invoice(s)`);
  }, 300_000);

  it('refuses a period or date it cannot bill with exit code 2, naming the option', async () => {
    const period = await cli(['dues:run', '--cooperative', 'rivierenwijk', '--period', '2031-13']);
    expect({ code: period.code, stderr: period.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('--period must be a year (2027), a quarter (2027-Q2) or a month (2027-04)') });
    const date = await cli(['dues:run', '--cooperative', 'rivierenwijk', '--period', '2031', '--due-date', '31-12-2030']);
    expect({ code: date.code, stderr: date.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('--due-date must be a date like 2027-01-04') });
  }, 300_000);

  it('imports a bank statement and matches it, once: the same file again is recognised; a missing file exits with 2', async () => {
    const file = join(dir, 'afschrift.xml');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>CLI-1</MsgId><CreDtTm>2026-11-20T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>CLI-1</Id><CreDtTm>2026-11-20T18:00:00</CreDtTm><Acct><Id><IBAN>${DEMO_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">97.55</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">2.45</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>CLI-COST-1</AcctSvcrRef>
<NtryDtls><TxDtls><RmtInf><Ustrd>Kosten betaalverkeer</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`,
    );
    const imported = await cli(['statement:import', file, '--cooperative', 'rivierenwijk']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('camt.053.001.02 2026-11-20 – 2026-11-20: 1 lines, 1 new; balances agree');
    expect(imported.stdout).toContain('1 lines read, 1 new, 0 matched automatically, 1 on the worklist');
    const statementId = /\(statement ([0-9a-f-]{36})\)/.exec(imported.stdout)?.[1];
    expect(statementId).toEqual(expect.any(String));
    const again = await cli(['statement:import', file, '--cooperative', 'rivierenwijk']);
    expect({ code: again.code, stdout: again.stdout }).toEqual({ code: 0, stdout: expect.stringContaining(`this file was imported before (statement ${statementId}); nothing added.`) });
    const missing = await cli(['statement:import', join(dir, 'bestaat-niet.xml'), '--cooperative', 'rivierenwijk']);
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('no such file') });
  }, 300_000);

  it('exits with 2 and the reason for a file that is not a bank statement, with the progress bar stopped', async () => {
    const file = join(dir, 'boodschappenlijst.txt');
    writeFileSync(file, 'melk\nbrood\nkaas\n');
    const refused = await cli(['statement:import', file, '--cooperative', 'rivierenwijk']);
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('could not be read as a bank statement') });
  }, 300_000);
});
