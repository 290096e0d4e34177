import { Camt053Error, Camt053ErrorCode } from './camt053.errors';
import { type Camt053Entry, type Camt053Item, parseCamt053, readCamt053 } from './camt053';
import type { StatementIssue, StatementItem, StatementStart } from './parsed-statement';

const NS = (version: '02' | '08' | '04') => `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}`;

function document(statements: string, version: '02' | '08' | '04' = '02'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${NS(version)}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>RIVIERENWIJK-2026-03</MsgId><CreDtTm>2026-03-03T06:00:00+01:00</CreDtTm></GrpHdr>
    ${statements}
  </BkToCstmrStmt>
</Document>`;
}

function balance(type: string, amount: string, indicator: string, date: string): string {
  return `<Bal><Tp><CdOrPrtry><Cd>${type}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
}

function statement(entries: string, options: { id?: string; iban?: string; opening?: string; closing?: string } = {}): string {
  return `<Stmt>
    <Id>${options.id ?? '20260302-001'}</Id>
    <CreDtTm>2026-03-03T06:00:00+01:00</CreDtTm>
    <Acct><Id><IBAN>${options.iban ?? 'NL91ABNA0417164300'}</IBAN></Id><Ccy>EUR</Ccy></Acct>
    ${balance('OPBD', options.opening ?? '1000.00', 'CRDT', '2026-03-01')}
    ${balance('CLBD', options.closing ?? '1000.00', 'CRDT', '2026-03-02')}
    ${entries}
  </Stmt>`;
}

function entry(options: { amount?: string | null; indicator?: string; date?: string; ref?: string; code?: string; extra?: string; details?: string }): string {
  const amount = options.amount === null ? '' : `<Amt Ccy="EUR">${options.amount ?? '10.00'}</Amt>`;
  const code = options.code ?? '<Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>';
  return `<Ntry>
    ${amount}
    <CdtDbtInd>${options.indicator ?? 'CRDT'}</CdtDbtInd>
    ${options.extra ?? ''}
    <Sts>BOOK</Sts>
    <BookgDt><Dt>${options.date ?? '2026-03-02'}</Dt></BookgDt>
    <ValDt><Dt>${options.date ?? '2026-03-02'}</Dt></ValDt>
    <AcctSvcrRef>${options.ref ?? 'REF-1'}</AcctSvcrRef>
    <BkTxCd>${code}</BkTxCd>
    ${options.details ? `<NtryDtls>${options.details}</NtryDtls>` : ''}
  </Ntry>`;
}

function payer(name: string, iban: string): string {
  return `<RltdPties><Dbtr><Nm>${name}</Nm></Dbtr><DbtrAcct><Id><IBAN>${iban}</IBAN></Id></DbtrAcct><Cdtr><Nm>Buurtcoöperatie Rivierenwijk</Nm></Cdtr><CdtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></CdtrAcct></RltdPties>`;
}

function collection(endToEndId: string, amount: string, name: string, iban: string): string {
  return `<TxDtls>
    <Refs><EndToEndId>${endToEndId}</EndToEndId><MndtId>BC-${endToEndId}</MndtId></Refs>
    <AmtDtls><TxAmt><Amt Ccy="EUR">${amount}</Amt></TxAmt></AmtDtls>
    ${payer(name, iban)}
    <RmtInf><Ustrd>Contributie 2026 ${name}</Ustrd></RmtInf>
  </TxDtls>`;
}

async function* chunks(text: string, size?: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  const step = size ?? bytes.length;
  for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step);
}

async function read(text: string, size?: number): Promise<Camt053Item[]> {
  const items: Camt053Item[] = [];
  for await (const item of readCamt053(chunks(text, size))) items.push(item);
  return items;
}

const entriesOf = (items: Camt053Item[]) => items.filter((i): i is Camt053Entry => i.kind === 'entry');
const issuesOf = (items: Camt053Item[]) => items.filter((i): i is StatementIssue => i.kind === 'issue');

async function failure(text: string): Promise<Camt053Error> {
  try {
    await read(text);
  } catch (error) {
    expect(error).toBeInstanceOf(Camt053Error);
    return error as Camt053Error;
  }
  throw new Error('expected the file to be refused');
}

describe(parseCamt053.name, () => {
  const sut = parseCamt053;

  it('reads a camt.053.001.02 statement: start, signed entries in cents, end', async () => {
    const xml = document(
      statement(entry({ amount: '25.50', ref: 'ING-001' }) + entry({ amount: '1234.05', indicator: 'DBIT', ref: 'ING-002', code: '<Prtry><Cd>00200</Cd><Issr>INGGroup</Issr></Prtry>' }), {
        opening: '1000.00',
        closing: '-208.55',
      }).replace('<Amt Ccy="EUR">-208.55</Amt><CdtDbtInd>CRDT', '<Amt Ccy="EUR">208.55</Amt><CdtDbtInd>DBIT'),
    );
    const items: StatementItem[] = [];
    for await (const item of sut(chunks(xml))) items.push(item);

    expect(items.map((i) => i.kind)).toEqual(['statement', 'entry', 'entry', 'end']);
    expect(items[0]).toEqual<StatementStart>({
      kind: 'statement',
      format: 'camt.053.001.02',
      accountIban: 'NL91ABNA0417164300',
      currency: 'EUR',
      statementId: '20260302-001',
      opening: { date: '2026-03-01', amountCents: 100000 },
    });
    expect(items[1]).toMatchObject({ amountCents: 2550, bookingDate: '2026-03-02', valueDate: '2026-03-02', bankReference: 'ING-001', transactionCode: 'PMNT/RCDT/ESCT', reversal: false });
    expect(items[2]).toMatchObject({ amountCents: -123405, bankReference: 'ING-002', transactionCode: '00200' });
    expect(items[3]).toEqual({ kind: 'end', closing: { date: '2026-03-02', amountCents: -20855 } });
  });

  it('reads a camt.053.001.08 statement, whose parties sit under Pty and status under Sts/Cd', async () => {
    const details = `<TxDtls>
      <Refs><EndToEndId>BC-2026-0042</EndToEndId></Refs>
      <Amt Ccy="EUR">42.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
      <RltdPties><Dbtr><Pty><Nm>Fatima el Amrani</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></DbtrAcct></RltdPties>
      <RmtInf><Ustrd>Lidmaatschap maart</Ustrd></RmtInf>
    </TxDtls>`;
    const xml = document(statement(entry({ amount: '42.00', details })).replace('<Sts>BOOK</Sts>', '<Sts><Cd>BOOK</Cd></Sts>'), '08');

    const items = await read(xml);

    expect(items[0]).toMatchObject({ kind: 'statement', format: 'camt.053.001.08' });
    expect(entriesOf(items)).toEqual([
      expect.objectContaining({ amountCents: 4200, counterpartyName: 'Fatima el Amrani', counterpartyIban: 'NL20INGB0001234567', endToEndId: 'BC-2026-0042', remittance: 'Lidmaatschap maart' }),
    ]);
    expect(issuesOf(items)).toEqual([]);
  });

  it('reads another camt.053 version leniently and says so', async () => {
    const items = await read(document(statement(entry({})), '04'));

    expect(items[0]).toMatchObject({ kind: 'issue', at: 'Document', skipped: false, problem: expect.stringContaining('camt.053.001.04') });
    expect(entriesOf(items)).toHaveLength(1);
  });

  it('fills an entry from its one TxDtls: payer, betalingskenmerk, end-to-end id; NOTPROVIDED is no id', async () => {
    const withKenmerk = `<TxDtls>
      <Refs><EndToEndId>E2E-ACCEPTGIRO-7</EndToEndId></Refs>
      ${payer('J. de   Vries &amp; Zn.', 'NL 20 INGB 0001 2345 67')}
      <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Prtry>CUR</Prtry></CdOrPrtry></Tp><Ref>1234 5678 9012 3456</Ref></CdtrRefInf></Strd></RmtInf>
    </TxDtls>`;
    const withText = `<TxDtls>
      <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
      <RltdPties><Cdtr><Nm>Gemeente Utrecht</Nm></Cdtr><CdtrAcct><Id><IBAN>NL44RABO0123456789</IBAN></Id></CdtrAcct></RltdPties>
      <RmtInf><Ustrd>Huur buurthuis</Ustrd><Ustrd>maart 2026</Ustrd></RmtInf>
    </TxDtls>`;

    const items = await read(document(statement(entry({ amount: '35.00', details: withKenmerk }) + entry({ amount: '450.00', indicator: 'DBIT', details: withText }))));

    expect(entriesOf(items)).toEqual([
      expect.objectContaining({ amountCents: 3500, counterpartyName: 'J. de Vries & Zn.', counterpartyIban: 'NL20INGB0001234567', structuredReference: '1234567890123456', endToEndId: 'E2E-ACCEPTGIRO-7', remittance: null, batchRef: null }),
      expect.objectContaining({ amountCents: -45000, counterpartyName: 'Gemeente Utrecht', counterpartyIban: 'NL44RABO0123456789', remittance: 'Huur buurthuis maart 2026', endToEndId: null }),
    ]);
  });

  it('takes the ultimate party when it is the only one named', async () => {
    const details = `<TxDtls><RltdPties><UltmtDbtr><Nm>Stichting Voedselbank</Nm></UltmtDbtr></RltdPties></TxDtls>`;

    const [line] = entriesOf(await read(document(statement(entry({ details })))));

    expect(line.counterpartyName).toBe('Stichting Voedselbank');
  });

  it('expands a gross collection batch into its three transactions, each with the batch reference', async () => {
    const details = `<Btch><MsgId>BC-2026-03</MsgId><PmtInfId>BC-DUES-2026-03</PmtInfId><NbOfTxs>3</NbOfTxs><TtlAmt Ccy="EUR">60.00</TtlAmt><CdtDbtInd>CRDT</CdtDbtInd></Btch>
      ${collection('DUES-1', '25.00', 'Marieke de Vries', 'NL20INGB0001234567')}
      ${collection('DUES-2', '25.00', 'Sem Bakker', 'NL44RABO0123456789')}
      ${collection('DUES-3', '10.00', 'Noor Jansen', 'NL91ABNA0417164300')}`;
    const xml = document(statement(entry({ amount: '60.00', ref: 'COLL-0302', code: '<Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd><SubFmlyCd>ESDD</SubFmlyCd></Fmly></Domn>', details })));

    const items = await read(xml);

    expect(entriesOf(items).map((e) => [e.amountCents, e.counterpartyName, e.endToEndId, e.mandateId, e.batchRef, e.transactionCode, e.remittance])).toEqual([
      [2500, 'Marieke de Vries', 'DUES-1', 'BC-DUES-1', 'BC-DUES-2026-03', 'PMNT/IDDT/ESDD', 'Contributie 2026 Marieke de Vries'],
      [2500, 'Sem Bakker', 'DUES-2', 'BC-DUES-2', 'BC-DUES-2026-03', 'PMNT/IDDT/ESDD', 'Contributie 2026 Sem Bakker'],
      [1000, 'Noor Jansen', 'DUES-3', 'BC-DUES-3', 'BC-DUES-2026-03', 'PMNT/IDDT/ESDD', 'Contributie 2026 Noor Jansen'],
    ]);
    expect(issuesOf(items)).toEqual([]);
  });

  it('keeps a batch as one line, with an issue, when its details do not add up to the entry', async () => {
    const details = `<Btch><PmtInfId>BC-DUES-2026-04</PmtInfId><NbOfTxs>2</NbOfTxs></Btch>
      ${collection('DUES-4', '25.00', 'Marieke de Vries', 'NL20INGB0001234567')}
      ${collection('DUES-5', '25.00', 'Sem Bakker', 'NL44RABO0123456789')}`;

    const items = await read(document(statement(entry({ amount: '75.00', ref: 'COLL-0402', details }))));

    expect(entriesOf(items)).toEqual([expect.objectContaining({ amountCents: 7500, bankReference: 'COLL-0402', counterpartyName: null, batchRef: 'BC-DUES-2026-04' })]);
    expect(issuesOf(items)).toEqual([{ kind: 'issue', at: expect.stringMatching(/^Ntry 1 /), skipped: false, problem: expect.stringContaining('add up to 50.00, the entry is 75.00') }]);
  });

  it('keeps a batch that gives only NbOfTxs as one entry', async () => {
    const details = `<Btch><PmtInfId>BC-SALARIS</PmtInfId><NbOfTxs>12</NbOfTxs></Btch>`;

    const items = await read(document(statement(entry({ amount: '3000.00', indicator: 'DBIT', details }))));

    expect(entriesOf(items)).toEqual([expect.objectContaining({ amountCents: -300000, batchRef: 'BC-SALARIS' })]);
    expect(issuesOf(items)).toEqual([]);
  });

  it('reads a returned direct debit (R-transaction): reversal, reason MS03, original references', async () => {
    const details = `<TxDtls>
      <Refs><EndToEndId>DUES-2</EndToEndId><MndtId>BC-DUES-2</MndtId></Refs>
      <AmtDtls><TxAmt><Amt Ccy="EUR">25.00</Amt></TxAmt></AmtDtls>
      <RltdPties><Cdtr><Nm>Sem Bakker</Nm></Cdtr><CdtrAcct><Id><IBAN>NL44RABO0123456789</IBAN></Id></CdtrAcct></RltdPties>
      <RtrInf><Rsn><Cd>MS03</Cd></Rsn></RtrInf>
    </TxDtls>`;
    const xml = document(statement(entry({ amount: '25.00', indicator: 'DBIT', extra: '<RvslInd>true</RvslInd>', code: '<Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd><SubFmlyCd>UPDD</SubFmlyCd></Fmly></Domn>', details })));

    const [line] = entriesOf(await read(xml));

    expect(line).toMatchObject({ amountCents: -2500, reversal: true, returnReason: 'MS03', endToEndId: 'DUES-2', mandateId: 'BC-DUES-2', counterpartyName: 'Sem Bakker', transactionCode: 'PMNT/IDDT/UPDD' });
  });

  it('yields a start and an end for each of two statements', async () => {
    const xml = document(
      statement(entry({ amount: '5.00' }), { id: 'BETAAL-1', opening: '10.00', closing: '15.00' }) +
        statement(entry({ amount: '1.00', indicator: 'DBIT' }) + entry({ amount: '2.00', indicator: 'DBIT' }), { id: 'SPAAR-1', iban: 'NL20INGB0001234567', opening: '100.00', closing: '97.00' }),
    );

    const items = await read(xml);

    expect(items.map((i) => i.kind)).toEqual(['statement', 'entry', 'end', 'statement', 'entry', 'entry', 'end']);
    expect(items[3]).toMatchObject({ statementId: 'SPAAR-1', accountIban: 'NL20INGB0001234567', opening: { amountCents: 10000 } });
    expect(items[6]).toEqual({ kind: 'end', closing: { date: '2026-03-02', amountCents: 9700 } });
  });

  it('skips an entry without an amount, naming its Ntry number, and reads on', async () => {
    const items = await read(document(statement(entry({ amount: '1.00' }) + entry({ amount: null }) + entry({ amount: '3.00' }))));

    expect(entriesOf(items).map((e) => e.amountCents)).toEqual([100, 300]);
    expect(issuesOf(items)).toEqual([{ kind: 'issue', at: expect.stringMatching(/^Ntry 2 at line \d+$/), skipped: true, problem: expect.stringContaining('no amount') }]);
  });

  it('skips an entry whose XML is broken and reads the next one', async () => {
    const broken = entry({ amount: '1.00' }).replace('<AcctSvcrRef>REF-1</AcctSvcrRef>', '<AcctSvcrRef>REF-1</AcctSvcrReference>');

    const items = await read(document(statement(broken + entry({ amount: '2.00' }))));

    expect(entriesOf(items).map((e) => e.amountCents)).toEqual([200]);
    expect(issuesOf(items)).toEqual([expect.objectContaining({ at: expect.stringMatching(/^Ntry 1 /), skipped: true })]);
  });

  it('accepts the deviations real exports have, each with an issue: order, length, negative amount, date-time in Dt', async () => {
    const outOfOrder = entry({ amount: '1.00' }).replace(/(<Amt Ccy="EUR">1.00<\/Amt>)\s*(<CdtDbtInd>CRDT<\/CdtDbtInd>)/, '$2$1');
    const tooLong = entry({ amount: '2.00', details: `<TxDtls><RmtInf><Ustrd>${'Contributie '.repeat(13)}</Ustrd></RmtInf></TxDtls>` });
    const negative = entry({ amount: '-3.00', indicator: 'DBIT' });
    const dateTime = entry({ amount: '4.00', date: '2026-03-02T23:30:00+01:00' });

    const items = await read(document(statement(outOfOrder + tooLong + negative + dateTime)));

    expect(entriesOf(items).map((e) => [e.amountCents, e.bookingDate])).toEqual([
      [100, '2026-03-02'],
      [200, '2026-03-02'],
      [-300, '2026-03-02'],
      [400, '2026-03-02'],
    ]);
    const issues = issuesOf(items);
    expect(issues.every((i) => !i.skipped)).toBe(true);
    expect(issues.map((i) => [i.at.split(' at ')[0], i.problem])).toEqual([
      ['Ntry 1', expect.stringContaining('Ntry/Amt comes after CdtDbtInd')],
      ['Ntry 2', expect.stringContaining('Ustrd is 155 characters, more than the 140')],
      ['Ntry 3', expect.stringContaining('amount -3.00 is negative')],
      ['Ntry 4', expect.stringContaining('BookgDt/Dt holds "2026-03-02T23:30:00+01:00"')],
      ['Ntry 4', expect.stringContaining('ValDt/Dt holds')],
    ]);
  });

  it('collapses whitespace, decodes entities and CDATA, and keeps an unknown entity as text instead of expanding it', async () => {
    const details = `<TxDtls>${payer('  Café\n   de  Buurvrouw &amp; Co &#233;  ', 'NL20INGB0001234567')}<RmtInf><Ustrd><![CDATA[Factuur <12>]]> &xxe; &eacute;</Ustrd></RmtInf></TxDtls>`;

    const items = await read(document(statement(entry({ details }))));

    expect(entriesOf(items)[0]).toMatchObject({ counterpartyName: 'Café de Buurvrouw & Co é', remittance: 'Factuur <12> &xxe; &eacute;' });
    expect(issuesOf(items)).toEqual([
      expect.objectContaining({ skipped: false, problem: expect.stringContaining('Invalid character entity') }),
      expect.objectContaining({ skipped: false, problem: expect.stringContaining('Invalid character entity') }),
    ]);
  });

  it('refuses a DTD with an entity declaration (XXE, billion laughs) before reading anything', async () => {
    const xml = document(statement(entry({ details: '<TxDtls><RmtInf><Ustrd>&lol9;</Ustrd></RmtInf></TxDtls>' }))).replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Document [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    );

    const error = await failure(xml);

    expect(error.code).toBe(Camt053ErrorCode.DECLARATION_REFUSED);
    expect(error.message).toContain('DTD');
  });

  it('refuses an entity declaration outside a DTD', async () => {
    const xml = document(statement(entry({}))).replace('<BkToCstmrStmt>', '<BkToCstmrStmt><!ENTITY xxe SYSTEM "file:///etc/passwd">');

    expect((await failure(xml)).code).toBe(Camt053ErrorCode.DECLARATION_REFUSED);
  });

  it('refuses what is not a CAMT.053 document: another ISO message, no namespace, not XML, broken XML', async () => {
    const pain = '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"><CstmrDrctDbtInitn/></Document>';
    const bare = '<Document><BkToCstmrStmt/></Document>';
    const csv = '"IBAN/BBAN","Munt","BIC","Volgnr","Datum"\n"NL44RABO0123456789","EUR"';
    const truncated = document(statement(entry({}))).slice(0, -40);

    expect((await failure(pain)).message).toContain('pain.008.001.02');
    expect((await failure(bare)).code).toBe(Camt053ErrorCode.NOT_CAMT053);
    expect((await failure(csv)).code).toBe(Camt053ErrorCode.NOT_CAMT053);
    expect((await failure(truncated)).code).toBe(Camt053ErrorCode.MALFORMED_XML);
  });

  it('gives the same items when the file arrives one byte per chunk as when it arrives whole', async () => {
    const details = `<Btch><PmtInfId>BC-DUES-2026-05</PmtInfId></Btch>
      ${collection('DUES-6', '12.50', 'Zoë Brouwer-Ĳzerman', 'NL20INGB0001234567')}
      ${collection('DUES-7', '12.50', 'André Müller €', 'NL44RABO0123456789')}`;
    const xml = document(statement(entry({ amount: '25.00', details }) + entry({ amount: null }) + entry({ amount: '7.10', indicator: 'DBIT' })));

    const whole = await read(xml);
    const byByte = await read(xml, 1);

    expect(entriesOf(whole)).toHaveLength(3);
    expect(entriesOf(whole)[1].counterpartyName).toBe('André Müller €');
    expect(byByte).toEqual(whole);
  });

  it('streams a 20,000-entry statement', async () => {
    const count = 20_000;
    async function* generated(): AsyncGenerator<Buffer> {
      yield Buffer.from(document('<Stmt><Id>GROOT</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>').split('</BkToCstmrStmt>')[0]);
      for (let i = 0; i < count; i += 500) {
        let part = '';
        for (let j = i; j < i + 500; j++) part += entry({ amount: `${(j % 100) + 1}.0${j % 10}`, indicator: j % 2 ? 'DBIT' : 'CRDT', ref: `R${j}` });
        yield Buffer.from(part);
      }
      yield Buffer.from('</Stmt></BkToCstmrStmt></Document>');
    }
    let entries = 0;
    let total = 0;
    let expected = 0;
    for (let j = 0; j < count; j++) expected += (j % 2 ? -1 : 1) * (((j % 100) + 1) * 100 + (j % 10));

    for await (const item of sut(generated())) {
      if (item.kind === 'entry') {
        entries += 1;
        total += item.amountCents;
      }
    }

    expect(entries).toBe(count);
    expect(total).toBe(expected);
  });
});
