import { invoicePaymentReference } from '@buurtcoop/core';
import { parseBankCsv } from './bank-csv';
import { StatementItem } from './parsed-statement';

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function parse(text: string | Buffer, chunkSize = 64 * 1024): Promise<StatementItem[]> {
  const items: StatementItem[] = [];
  for await (const item of parseBankCsv(chunksOf(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), chunkSize))) items.push(item);
  return items;
}

const entries = (items: StatementItem[]) => items.flatMap((item) => (item.kind === 'entry' ? [item] : []));
const issues = (items: StatementItem[]) => items.filter((item) => item.kind === 'issue');
const KENMERK = invoicePaymentReference(2024, 77);

/** Windows-1252 bytes, as Excel and several banks save them. */
const cp1252 = (text: string) => Buffer.from(text.replace(/€/g, '\x80'), 'latin1');

// ING's current export: semicolons, newest row first, with "Saldo na mutatie".
const ING = [
  '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"',
  `"20240305";"J. de Vries";"NL20INGB0001234567";"NL91ABNA0417164300";"OV";"Bij";"1.025,00";"Overschrijving";"Naam: J. de Vries Omschrijving: Contributie 2024 IBAN: NL91ABNA0417164300 Kenmerk: ${KENMERK} Valutadatum: 05-03-2024";"1.525,00";""`,
  '"20240304";"Energie BV";"NL20INGB0001234567";"NL44RABO0123456789";"IC";"Af";"75,50";"Incasso";"Naam: Energie BV Omschrijving: Termijn maart IBAN: NL44RABO0123456789 Kenmerk: E2E-88 Machtiging ID: MND-1 Incassant ID: NL98ZZZ999999990000 Doorlopende incasso Valutadatum: 04-03-2024";"500,00";""',
  '"20240301";"Kosten OranjePakket";"NL20INGB0001234567";"";"DV";"Af";"2,95";"Diversen";"1 feb t/m 29 feb 2024 ING BANK N.V. Valutadatum: 01-03-2024";"575,50";""',
].join('\r\n');

// Rabobank's current CSV (from the bank's published column list; no real export was at hand): signed amounts, oldest first.
const RABO_HEADER =
  '"IBAN/BBAN","Munt","BIC","Volgnr","Datum","Rentedatum","Bedrag","Saldo na trn","Tegenrekening IBAN/BBAN","Naam tegenpartij","Naam uiteindelijke partij","Naam initiërende partij","BIC tegenpartij","Code","Batch ID","Transactiereferentie","Machtigingskenmerk","Incassant ID","Betalingskenmerk","Omschrijving-1","Omschrijving-2","Omschrijving-3","Reden retour","Oorspr bedrag","Oorspr munt","Koers"';
const RABOBANK = [
  RABO_HEADER,
  `"NL44RABO0123456789","EUR","RABONL2U","000000000000007001","2024-04-02","2024-04-02","+42,50","+1.042,50","NL91ABNA0417164300","Zoë Brouwer","","","ABNANL2A","cb","","E2E-7001","","","${KENMERK}","Bijdrage","","","","","",""`,
  '"NL44RABO0123456789","EUR","RABONL2U","000000000000007002","2024-04-03","2024-04-03","-12,50","+1.030,00","NL20INGB0001234567","G. Bosman","","","INGBNL2A","ei","","DUES-42","LID-42","NL98ZZZ999999990000","","Storno contributie","","","MS03 Reden niet gespecificeerd","","",""',
].join('\r\n');

// ABN AMRO's TXT export (from published descriptions and other projects' samples): tab-separated, no header.
const ABN_AMRO = [
  '517852257\tEUR\t20240102\t1.000,00\t975,00\t20240102\t-25,00\tBEA   NR:XXX1234   02.01.24/12.54 BAKKER,PAS999',
  '517852257\tEUR\t20240103\t975,00\t1.075,00\t20240103\t100,00\t/TRTP/SEPA OVERBOEKING/IBAN/NL91ABNA0417164300/BIC/ABNANL2A/NAME/M DE VRIES/REMI/Huur zaal/EREF/NOTPROVIDED',
  `517852257\tEUR\t20240104\t1.075,00\t1.085,00\t20240104\t10,00\tSEPA Overboeking                 IBAN: NL44RABO0123456789        BIC: RABONL2U                    Naam: F EL AMRANI               Betalingskenm.: ${KENMERK}`,
].join('\n');

// ASN's header-less export (as the real sample), and SNS, which shares it.
const asnRow = (account: string, date: string, before: string, amount: string, description: string) =>
  `${date},${account},NL91ABNA0417164300,J de Vries,,,,EUR,${before},EUR,${amount},${date},${date},8809,OVS,51392971,,${description},26`;
const ASN = [asnRow('NL81ASNB0708123456', '02-05-2024', '100.00', '25.50', "'Bijdrage, mei en juni'"), asnRow('NL81ASNB0708123456', '03-05-2024', '125.50', '-1000.00', "'Huur'")].join('\n');
const SNS = asnRow('NL47SNSB0912345678', '02-05-2024', '10.00', '5.00', `'${KENMERK}'`);

// Knab: a title line, then the header; newest first; no balances.
const KNAB = [
  'KNAB EXPORT;;;;;;;;;;;;;;;;',
  'Rekeningnummer;Transactiedatum;Valutacode;CreditDebet;Bedrag;Tegenrekeningnummer;Tegenrekeninghouder;Valutadatum;Betaalwijze;Omschrijving;Type betaling;Machtigingsnummer;Incassant ID;Adres;Referentie;Boekdatum;',
  '"NL43KNAB0612345678";"06-06-2024";"EUR";"D";"1.500";"NL91ABNA0417164300";"J de Vries";"07-06-2024";"Overboeking";"Terugbetaling";"";"";"";"";"B9F06PGLH23B24JG";"06-06-2024";',
  '"NL43KNAB0612345678";"05-06-2024";"EUR";"C";"7,02";"";"Knab";"05-06-2024";"Rente";"Rente";"";"";"";"";"B9F28INNFQ2MUC3X";"05-06-2024";',
].join('\n');

// Triodos (from published descriptions): no header, date, account, amount, Credit/Debet, name, counter-account, code, description, balance after.
const TRIODOS = [
  '"01-07-2024","NL63TRIO0212345678","1.250,00","Credit","Gemeente Utrecht","NL91ABNA0417164300","ID","Subsidie buurthuis 2024","11.250,00"',
  '"02-07-2024","NL63TRIO0212345678","35,00","Debet","Drukkerij","NL44RABO0123456789","IC","Flyers","11.215,00"',
].join('\r\n');

describe('parseBankCsv', () => {
  it("reads ING's export newest-first: closing from the newest row, labelled Mededelingen, kenmerk and mandate", async () => {
    const items = await parse(ING);
    expect(items[0]).toEqual({ kind: 'statement', format: 'csv-ing', accountIban: 'NL20INGB0001234567', currency: 'EUR', statementId: null, opening: null });
    expect(issues(items)).toEqual([expect.objectContaining({ at: 'line 2', skipped: false, problem: expect.stringContaining('newest row first') })]);
    expect(entries(items)).toEqual([
      {
        kind: 'entry', bookingDate: '2024-03-05', valueDate: '2024-03-05', amountCents: 102500, counterpartyName: 'J. de Vries', counterpartyIban: 'NL91ABNA0417164300',
        remittance: 'Contributie 2024', structuredReference: KENMERK, endToEndId: null, mandateId: null, bankReference: null, returnReason: null, transactionCode: 'OV', batchRef: null,
      },
      expect.objectContaining({ amountCents: -7550, counterpartyName: 'Energie BV', remittance: 'Termijn maart', endToEndId: 'E2E-88', mandateId: 'MND-1', transactionCode: 'IC' }),
      expect.objectContaining({ amountCents: -295, counterpartyName: 'Kosten OranjePakket', remittance: '1 feb t/m 29 feb 2024 ING BANK N.V.', valueDate: '2024-03-01' }),
    ]);
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-03-05', amountCents: 152500 } });
  });

  it("reads ING's older comma export without balances", async () => {
    const items = await parse(
      '"Datum","Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag (EUR)","MutatieSoort","Mededelingen"\n"20191213","PAULISSEN G J L M","NL20INGB0001234567","NL91ABNA0417164300","OV","Bij","20,00","Overschrijving","Naam: PAULISSEN G J L M Omschrijving: Kosten rekening IBAN: NL91ABNA0417164300 Valutadatum: 13-12-2019"\n',
    );
    expect(items.map((item) => item.kind)).toEqual(['statement', 'entry', 'end']);
    expect(entries(items)[0]).toMatchObject({ amountCents: 2000, remittance: 'Kosten rekening', counterpartyIban: 'NL91ABNA0417164300' });
    expect(items[2]).toEqual({ kind: 'end', closing: null });
  });

  it("reads Rabobank's CSV in Windows-1252: signed amounts, Saldo na trn, Betalingskenmerk, Reden retour", async () => {
    const items = await parse(cp1252(RABOBANK));
    expect(items[0]).toMatchObject({ format: 'csv-rabobank', accountIban: 'NL44RABO0123456789', opening: { date: '2024-04-02', amountCents: 100000 } });
    expect(entries(items)).toEqual([
      expect.objectContaining({ amountCents: 4250, counterpartyName: 'Zoë Brouwer', structuredReference: KENMERK, endToEndId: 'E2E-7001', bankReference: '000000000000007001', remittance: 'Bijdrage' }),
      expect.objectContaining({ amountCents: -1250, returnReason: 'MS03', mandateId: 'LID-42', endToEndId: 'DUES-42', remittance: 'Storno contributie' }),
    ]);
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-04-03', amountCents: 103000 } });
    expect(issues(items)).toEqual([]);
  });

  it("reads ABN AMRO's tab-separated export: balances per row, coded and labelled descriptions", async () => {
    const items = await parse(ABN_AMRO);
    expect(items[0]).toMatchObject({ format: 'csv-abnamro', accountIban: null, opening: { date: '2024-01-02', amountCents: 100000 } });
    expect(issues(items)).toEqual([expect.objectContaining({ problem: expect.stringContaining('"517852257" is not an IBAN') })]);
    expect(entries(items)).toEqual([
      expect.objectContaining({ amountCents: -2500, remittance: 'BEA NR:XXX1234 02.01.24/12.54 BAKKER,PAS999' }),
      expect.objectContaining({ amountCents: 10000, counterpartyIban: 'NL91ABNA0417164300', counterpartyName: 'M DE VRIES', remittance: 'Huur zaal', endToEndId: null, transactionCode: 'SEPA OVERBOEKING' }),
      expect.objectContaining({ amountCents: 1000, counterpartyIban: 'NL44RABO0123456789', counterpartyName: 'F EL AMRANI', structuredReference: KENMERK }),
    ]);
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-01-04', amountCents: 108500 } });
  });

  it("reads ASN's header-less export with balances before each row, and SNS's by its bank code", async () => {
    const items = await parse(ASN);
    expect(items[0]).toMatchObject({ format: 'csv-asn', accountIban: 'NL81ASNB0708123456', opening: { date: '2024-05-02', amountCents: 10000 } });
    expect(entries(items)).toEqual([
      expect.objectContaining({ amountCents: 2550, remittance: 'Bijdrage, mei en juni', counterpartyName: 'J de Vries', bankReference: '51392971', transactionCode: 'OVS' }),
      expect.objectContaining({ amountCents: -100000, remittance: 'Huur' }),
    ]);
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-05-03', amountCents: -87450 } });
    const sns = await parse(SNS);
    expect(sns[0]).toMatchObject({ format: 'csv-sns', accountIban: 'NL47SNSB0912345678', opening: { amountCents: 1000 } });
    expect(entries(sns)[0]).toMatchObject({ amountCents: 500, structuredReference: KENMERK });
    expect(sns[sns.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-05-02', amountCents: 1500 } });
  });

  it("reads Knab's export: title line, C/D, whole-euro amounts, no balances", async () => {
    const items = await parse(KNAB);
    expect(items[0]).toMatchObject({ format: 'csv-knab', accountIban: 'NL43KNAB0612345678', opening: null });
    expect(entries(items)).toEqual([
      expect.objectContaining({ bookingDate: '2024-06-06', valueDate: '2024-06-07', amountCents: -150000, counterpartyIban: 'NL91ABNA0417164300', remittance: 'Terugbetaling', bankReference: 'B9F06PGLH23B24JG' }),
      expect.objectContaining({ amountCents: 702, counterpartyName: 'Knab', counterpartyIban: null }),
    ]);
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: null });
  });

  it("reads Triodos's header-less export with Credit/Debet and the balance after", async () => {
    const items = await parse(TRIODOS);
    expect(items[0]).toMatchObject({ format: 'csv-triodos', accountIban: 'NL63TRIO0212345678', opening: { date: '2024-07-01', amountCents: 1000000 } });
    expect(entries(items)).toEqual([
      expect.objectContaining({ amountCents: 125000, counterpartyName: 'Gemeente Utrecht', counterpartyIban: 'NL91ABNA0417164300', remittance: 'Subsidie buurthuis 2024', transactionCode: 'ID' }),
      expect.objectContaining({ amountCents: -3500, counterpartyName: 'Drukkerij', remittance: 'Flyers' }),
    ]);
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-07-02', amountCents: 1121500 } });
  });

  it('skips a row it cannot read with its line, and leaves the closing empty when the balances stop adding up', async () => {
    const rows = RABOBANK.split('\r\n');
    const broken = [rows[0], rows[1], rows[2].replace('"2024-04-03"', '"03-04-2024"'), rows[2].replace('+1.030,00', '+999,00')].join('\n');
    const items = await parse(broken);
    expect(issues(items)).toEqual([
      { kind: 'issue', at: 'line 3', problem: expect.stringContaining('"03-04-2024" is not YYYY-MM-DD'), skipped: true },
      { kind: 'issue', at: 'line 4', problem: expect.stringContaining('does not follow'), skipped: false },
    ]);
    expect(entries(items)).toHaveLength(2);
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: null });
  });

  it('starts a new statement when the account changes', async () => {
    const other = asnRow('NL47SNSB0912345678', '04-05-2024', '0.00', '1.00', "'x'");
    const items = await parse(`${ASN}\n${other}\n`);
    expect(items.map((item) => item.kind)).toEqual(['statement', 'entry', 'entry', 'end', 'statement', 'entry', 'end']);
  });

  it('refuses an unknown header, naming what it expected', async () => {
    await expect(parse('Date,Description,Amount\n2024-01-01,x,1.00\n')).rejects.toThrow(/Not a bank export this reader knows: the first line is "Date \| Description \| Amount"; expected ING/);
    await expect(parse('')).rejects.toThrow(/empty/);
  });

  it('yields the same items one byte at a time, with a UTF-8 byte-order mark or in Windows-1252', async () => {
    for (const text of [ING, RABOBANK, ABN_AMRO, ASN, KNAB, TRIODOS]) {
      const whole = await parse(text);
      expect(await parse(text, 1)).toEqual(whole);
      expect(await parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 3)).toEqual(whole);
      expect(await parse(cp1252(text), 2)).toEqual(whole);
    }
  });

  it('keeps a line break inside a quoted field', async () => {
    const items = await parse(RABOBANK.replace('"Bijdrage"', '"Bijdrage\r\nvoor april"'));
    expect(entries(items)[0].remittance).toBe('Bijdrage voor april');
  });

  it('streams a 20,000-row export', async () => {
    const rows = [RABO_HEADER];
    let balance = 0;
    for (let i = 0; i < 20_000; i++) {
      const cents = i % 2 === 0 ? (i % 1000) + 1 : -((i % 700) + 1);
      balance += cents;
      const euros = (c: number) => `${c < 0 ? '-' : '+'}${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
      rows.push(`"NL44RABO0123456789","EUR","RABONL2U","${i + 1}","2024-04-02","2024-04-02","${euros(cents)}","${euros(balance)}","NL91ABNA0417164300","Lid ${i}","","","","cb","","E2E-${i}","","","","Bijdrage ${i}","","","","","",""`);
    }
    const items = await parse(rows.join('\n'), 8192);
    const list = entries(items);
    expect(list).toHaveLength(20_000);
    expect(list.reduce((sum, e) => sum + e.amountCents, 0)).toBe(balance);
    expect(items[0]).toMatchObject({ opening: { amountCents: 0 } });
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-04-02', amountCents: balance } });
    expect(list[19_999]).toMatchObject({ endToEndId: 'E2E-19999', counterpartyName: 'Lid 19999' });
  });
});
