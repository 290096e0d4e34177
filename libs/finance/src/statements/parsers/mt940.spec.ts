import { invoicePaymentReference } from '@buurtcoop/core';
import { parseMt940 } from './mt940';
import { StatementItem } from './parsed-statement';

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function parse(text: string | Buffer, chunkSize = 64 * 1024): Promise<StatementItem[]> {
  const items: StatementItem[] = [];
  for await (const item of parseMt940(chunksOf(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), chunkSize))) items.push(item);
  return items;
}

const entries = (items: StatementItem[]) => items.flatMap((item) => (item.kind === 'entry' ? [item] : []));
const KENMERK = invoicePaymentReference(2024, 1234);

/** ING's structured (SEPA) MT940: BIC/IBAN in :25:, /TRTP/, /CNTP/, a return with /RTRN/ and a betalingskenmerk in /REMI/STRD/. */
const ING = [
  '{1:F01INGBNL2ABXXX0000000000}',
  '{2:I940INGBNL2AXXXN}',
  '{4:',
  ':20:P140220000000001',
  ':25:INGBNL2A/NL20INGB0001234567EUR',
  ':28C:00000',
  ':60F:C231229EUR1234,56',
  ':61:2312291229C25,00NTRFEREF123//PREF0001',
  '/TRCD/00100/',
  ':86:/TRTP/SEPA OVERBOEKING/IBAN/NL91ABNA0417164300/BIC/ABNANL2A/NAME/J',
  '. de Vries/REMI/STRD/CUR/' + KENMERK + '/EREF/NOTPROVIDED',
  ':61:2312310102D12,50NDDTNONREF//INC0002',
  ':86:/TRTP/SEPA Incasso, storno/CNTP/NL44RABO0123456789/RABONL2U/Buurtco',
  'operatie De Wijk/Utrecht/MARF/LID-0042/CSID/NL98ZZZ999999990000/RTRN/MS03/',
  'EREF/DUES-2024-42/REMI/USTD//Contributie 2024/',
  ':62F:C240102EUR1247,06',
  '-}',
].join('\r\n');

/** Rabobank: IBAN in the :61: supplementary details, :86: wrapped mid-word at 65 characters, /CDTRREFTP/ for the kenmerk. */
const RABOBANK = [
  ':940:',
  ':20:940S240115',
  ':25:NL44RABO0123456789EUR',
  ':28C:0',
  ':60F:C240115EUR000000001000,00',
  ':61:240115C000000000042,50N541EREF',
  'NL91ABNA0417164300',
  ':86:/EREF/E2E-0001/ORDP//NAME/Fatima El Amrani/ADDR/Dorpsstraat 1 1234 AB Wi',
  'jk/REMI//CDTRREFTP//CD/SCOR/ISSR/CUR/CDTRREF/' + KENMERK + '/ISDT/2024-01-15',
  ':61:240116D000000000010,00N102NONREF',
  ':86:/BENM//NAME/Gemeente/REMI/Leges vergunning buurtfeest, vergunningnummer 2024-00017 a',
  'anvraag januari/ISDT/2024-01-16',
  ':62F:C240116EUR000000001032,50',
].join('\n');

describe('parseMt940', () => {
  it("reads ING's structured form: account from BIC/IBAN, CNTP, RTRN MS03, mandate, betalingskenmerk, year rollover", async () => {
    const items = await parse(ING);
    expect(items[0]).toEqual({ kind: 'statement', format: 'mt940', accountIban: 'NL20INGB0001234567', currency: 'EUR', statementId: 'P140220000000001 00000', opening: { date: '2023-12-29', amountCents: 123456 } });
    expect(entries(items)).toEqual([
      {
        kind: 'entry', bookingDate: '2023-12-29', valueDate: '2023-12-29', amountCents: 2500, counterpartyName: 'J. de Vries', counterpartyIban: 'NL91ABNA0417164300',
        remittance: null, structuredReference: KENMERK, endToEndId: null, mandateId: null, bankReference: 'PREF0001', returnReason: null, transactionCode: 'NTRF', batchRef: null,
      },
      {
        // Value date 31 December, booked 2 January: the entry date is in the next year.
        kind: 'entry', bookingDate: '2024-01-02', valueDate: '2023-12-31', amountCents: -1250, counterpartyName: 'Buurtcooperatie De Wijk', counterpartyIban: 'NL44RABO0123456789',
        remittance: 'Contributie 2024', structuredReference: null, endToEndId: 'DUES-2024-42', mandateId: 'LID-0042', bankReference: 'INC0002', returnReason: 'MS03', transactionCode: 'NDDT', batchRef: null,
      },
    ]);
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-01-02', amountCents: 124706 } });
    expect(items.filter((item) => item.kind === 'issue')).toEqual([]);
  });

  it("reads Rabobank's form: IBAN on the :61: second line, :86: wrapped mid-word, CDTRREF", async () => {
    const items = await parse(RABOBANK);
    expect(items[0]).toMatchObject({ accountIban: 'NL44RABO0123456789', opening: { date: '2024-01-15', amountCents: 100000 } });
    const [credit, debit] = entries(items);
    expect(credit).toMatchObject({ amountCents: 4250, counterpartyIban: 'NL91ABNA0417164300', counterpartyName: 'Fatima El Amrani', endToEndId: 'E2E-0001', structuredReference: KENMERK, remittance: null });
    expect(debit).toMatchObject({ amountCents: -1000, counterpartyName: 'Gemeente', remittance: 'Leges vergunning buurtfeest, vergunningnummer 2024-00017 aanvraag januari' });
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-01-16', amountCents: 103250 } });
  });

  it('reads free :86: text over several lines, with the counter-account first (SNS/ASN) or a betalingskenmerk on its own', async () => {
    const items = await parse(
      [
        ':20:0000000000', ':25:NL81ASNB0708123456', ':28C:5/1', ':60F:C240301EUR100,00',
        ':61:2403010301C30,NOVBNL91ABNA0417164300', 'g de vries',
        ':86:NL91ABNA0417164300 g de vries', '', 'Bijdrage', 'buurtfeest maart', '', '',
        ':61:2403010301C15,NOVBNL91ABNA0417164300',
        ':86:' + KENMERK.replace(/(\d{4})(?=\d)/g, '$1 '),
        ':62F:C240301EUR145,', '-',
      ].join('\n'),
    );
    expect(entries(items)).toEqual([
      expect.objectContaining({ amountCents: 3000, counterpartyIban: 'NL91ABNA0417164300', counterpartyName: 'g de vries', remittance: 'Bijdrage buurtfeest maart', structuredReference: null }),
      expect.objectContaining({ amountCents: 1500, counterpartyIban: 'NL91ABNA0417164300', structuredReference: KENMERK }),
    ]);
  });

  it('yields a statement per message, skips a malformed :61: with its line, and ignores unknown tags and envelopes', async () => {
    const items = await parse(
      [
        'ABNANL2A', '940', 'ABNANL2A',
        ':20:ABN AMRO BANK NV', ':25:517852257', ':28:19321/1', ':60F:C240522EUR100,00',
        ':61:2405240524D9,N192NONREF', ':86:GIRO 428428 KPN',
        ':61:24052X0524D1,00N426NONREF', ':86:belongs to the broken line',
        ':13D:2405241200+0100',
        ':62F:C240524EUR91,00', '-',
        '{1:F01ASNBNL21XXXX0000000000}{2:O940ASNBNL21XXXXN}{3:}{4:',
        ':20:second', ':25:NL81ASNB0708123456', ':28C:2/1', ':60M:C240525EUR91,00',
        ':61:240525C1,01NTRFNONREF', ':86:free text',
        ':62M:C240525EUR92,01', '-}{5:}',
      ].join('\n'),
    );
    expect(items.map((item) => item.kind)).toEqual(['statement', 'issue', 'entry', 'issue', 'end', 'statement', 'entry', 'end']);
    expect(items[1]).toMatchObject({ at: ':25: at line 5', skipped: false });
    expect(items[3]).toEqual({ kind: 'issue', at: ':61: at line 10', problem: expect.stringContaining('24052X0524D1,00N426NONREF'), skipped: true });
    expect(entries(items).map((e) => [e.amountCents, e.remittance])).toEqual([[-900, 'GIRO 428428 KPN'], [101, 'free text']]);
    expect(items[5]).toMatchObject({ accountIban: 'NL81ASNB0708123456', statementId: 'second 2/1', opening: { amountCents: 9100 } });
  });

  it('closes a message that lacks :62F: with an issue and an empty closing balance', async () => {
    const items = await parse([':20:A', ':25:NL81ASNB0708123456', ':60F:C240101EUR1,00', ':61:240101C1,00NTRFNONREF', ':20:B', ':25:NL81ASNB0708123456', ':60F:C240102EUR2,00', ':62F:C240102EUR2,00'].join('\n'));
    expect(items.map((item) => item.kind)).toEqual(['statement', 'entry', 'issue', 'end', 'statement', 'end']);
    expect(items[3]).toEqual({ kind: 'end', closing: null });
  });

  it('refuses a file without any MT940 tag', async () => {
    await expect(parse('"Datum","Naam / Omschrijving"\n"20240101","x"\n')).rejects.toThrow(/Not an MT940 file/);
  });

  it('yields the same items when the file arrives one byte at a time, in UTF-8 or Windows-1252', async () => {
    const whole = await parse(ING + '\r\n' + RABOBANK);
    expect(await parse(ING + '\r\n' + RABOBANK, 1)).toEqual(whole);
    const accented = ':20:X\n:25:NL81ASNB0708123456\n:60F:C240101EUR0,00\n:61:240101C1,00NTRFNONREF\n:86:Zoë Brouwer € bijdrage\n:62F:C240101EUR1,00\n';
    const utf8 = await parse(Buffer.from(accented, 'utf8'), 1);
    const cp1252 = await parse(Buffer.from(accented.replace('€', '\x80'), 'latin1'), 1);
    expect(entries(utf8)[0].remittance).toBe('Zoë Brouwer € bijdrage');
    expect(cp1252).toEqual(utf8);
  });

  it('streams a 20,000-line file', async () => {
    const lines = [':20:BIG', ':25:NL20INGB0001234567', ':28C:1', ':60F:C240101EUR0,00'];
    let total = 0;
    for (let i = 0; lines.length < 19_998; i++) {
      const cents = (i % 997) + 1;
      total += i % 3 === 0 ? -cents : cents;
      lines.push(`:61:240101${i % 3 === 0 ? 'D' : 'C'}${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}NTRFNONREF`, `:86:/EREF/E${i}/NAME/Lid ${i}/REMI/Bijdrage ${i}`);
    }
    lines.push(`:62F:${total < 0 ? 'D' : 'C'}240101EUR${Math.floor(Math.abs(total) / 100)},${String(Math.abs(total) % 100).padStart(2, '0')}`);
    expect(lines).toHaveLength(19_999);
    const items = await parse(lines.join('\n') + '\n', 4096);
    const list = entries(items);
    expect(list).toHaveLength((19_999 - 5) / 2);
    expect(list.reduce((sum, e) => sum + e.amountCents, 0)).toBe(total);
    expect(items[items.length - 1]).toEqual({ kind: 'end', closing: { date: '2024-01-01', amountCents: total } });
    expect(list[1234]).toMatchObject({ endToEndId: 'E1234', counterpartyName: 'Lid 1234', remittance: 'Bijdrage 1234' });
  });
});
