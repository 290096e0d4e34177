/**
 * The pain.008 files the product writes, validated strictly against the official ISO 20022 schemas in
 * ../shared/reference-data/iso20022 with libxml2 (xmllint-wasm). Each file holds 100 collections mixing what a real
 * dues run has: first and recurring collections and one-offs, amendments, debtors without a BIC, accented names.
 */
import { validateXML } from 'xmllint-wasm';
import { CollectionFile, CollectionTransaction, PainVersion, SequenceType, writePain008 } from '@buurtcoop/finance';
import { describeWithReferenceData, readReference } from './reference-data';

/** Valid Dutch IBANs (mod-97 checked by the writer) at several banks, with their BICs. */
const ACCOUNTS = [
  { iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' },
  { iban: 'NL20INGB0001234567', bic: 'INGBNL2A' },
  { iban: 'NL44RABO0123456789', bic: 'RABONL2U' },
  { iban: 'NL44ASNB0708123456', bic: 'ASNBNL21' },
  { iban: 'NL63TRIO0212345678', bic: 'TRIONL2U' },
  { iban: 'NL43KNAB0612345678', bic: 'KNABNL2H' },
  { iban: 'NL16BUNQ2034567890', bic: 'BUNQNL2A' },
];
const NAMES = ['Marieke de Vries', 'Gerrit Bosman', 'Fatima El Amrani', 'Wilhelmina ter Horst', 'Zoë Brouwer-Ĳzerman', 'André Müller', 'Ørjan Strøm', 'Renée & Françoise Dubois', 'Jürgen Weiß', 'Ahmed Yılmaz', 'Woonstichting “IJsselwonen”'];
const SEQUENCES: SequenceType[] = ['FRST', 'RCUR', 'RCUR', 'OOFF', 'RCUR', 'FNAL'];

function collection(version: PainVersion): CollectionFile {
  const transactions: CollectionTransaction[] = Array.from({ length: 100 }, (_, i) => {
    const account = ACCOUNTS[i % ACCOUNTS.length];
    const amendment =
      i % 10 === 3 ? { originalMandateId: `BC-OUD-${i}` } : i % 10 === 5 ? { originalDebtorIban: ACCOUNTS[(i + 1) % ACCOUNTS.length].iban } : i % 10 === 7 ? { newDebtorAgent: true } : null;
    return {
      endToEndId: `CONTR-2026-${String(i + 1).padStart(4, '0')}`,
      amountCents: 250 + i * 137,
      mandateId: `BC-${1000 + i}-1`,
      mandateSignedOn: `202${i % 5}-0${(i % 9) + 1}-1${i % 10}`,
      sequenceType: SEQUENCES[i % SEQUENCES.length],
      amendment,
      debtorName: `${NAMES[i % NAMES.length]}${i === 42 ? ' '.repeat(3) + 'met een naam die veel langer is dan de zeventig tekens die een bank accepteert' : ''}`,
      debtorIban: account.iban,
      debtorBic: i % 3 === 0 ? null : account.bic,
      remittance: `Contributie 2026 – lid ${i + 1} – Buurtcoöperatie Rivierenwijk${i === 7 ? ' '.repeat(2) + 'x'.repeat(200) : ''}`,
      collectionDate: i % 25 === 0 ? '2026-12-15' : undefined,
    };
  });
  return {
    version,
    messageId: `BC-RIVIERENWIJK-2026-11-${version.slice(-2)}`,
    createdAt: new Date('2026-11-23T09:15:00Z'),
    creditor: { name: 'Buurtcoöperatie Rivierenwijk U.A.', iban: 'NL44RABO0123456789', bic: version === '.001.02' ? 'RABONL2U' : null, creditorId: 'NL57ZZZ999999999999' },
    collectionDate: '2026-12-01',
    transactions,
  };
}

async function validate(xml: string, version: PainVersion) {
  const schema = `pain.008${version}.xsd`;
  return validateXML({
    xml: [{ fileName: `collection-${version.slice(-2)}.xml`, contents: xml }],
    schema: [{ fileName: schema, contents: readReference(`iso20022/${schema}`) }],
  });
}

describeWithReferenceData('pain.008 against the official ISO 20022 schemas', () => {
  it.each(['.001.02', '.001.08'] as const)('a file of 100 mixed collections in pain.008%s validates', async (version) => {
    const xml = writePain008(collection(version));
    expect(xml.match(/<DrctDbtTxInf>/g)).toHaveLength(100);
    // Guards against a file that validates because it lacks what is being tested.
    expect(xml).toContain('<AmdmntInfDtls>');
    expect(xml).toContain('<Id>SMNDA</Id>');
    expect(xml).toContain('<Id>NOTPROVIDED</Id>');
    expect(new Set(xml.match(/<SeqTp>\w+<\/SeqTp>/g))).toEqual(new Set(['<SeqTp>FRST</SeqTp>', '<SeqTp>RCUR</SeqTp>', '<SeqTp>OOFF</SeqTp>', '<SeqTp>FNAL</SeqTp>']));
    const result = await validate(xml, version);
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('a .02 file does not validate as .08, nor the other way round: each schema is really applied', async () => {
    const v02 = await validate(writePain008(collection('.001.02')).replace('pain.008.001.02"', 'pain.008.001.08"'), '.001.08');
    expect(v02.valid).toBe(false);
    expect(v02.errors.some((e) => /BIC/.test(e.message))).toBe(true);
    const v08 = await validate(writePain008(collection('.001.08')).replace('pain.008.001.08"', 'pain.008.001.02"'), '.001.02');
    expect(v08.valid).toBe(false);
  });

  it.each([
    ['a name longer than the schema allows', (xml: string) => xml.replace('<Nm>Marieke de Vries</Nm>', `<Nm>${'x'.repeat(141)}</Nm>`), /Nm/],
    ['a negative amount', (xml: string) => xml.replace(/<InstdAmt Ccy="EUR">[\d.]+<\/InstdAmt>/, '<InstdAmt Ccy="EUR">-12.34</InstdAmt>'), /InstdAmt|minInclusive/],
    ['a debtor BIC that is not a BIC', (xml: string) => xml.replace('<BIC>INGBNL2A</BIC>', '<BIC>INGB-NL</BIC>'), /BIC/],
    ['an unknown sequence type', (xml: string) => xml.replace('<SeqTp>RCUR</SeqTp>', '<SeqTp>NEXT</SeqTp>'), /SeqTp/],
    ['elements in the wrong order', (xml: string) => xml.replace(/(<ChrgBr>SLEV<\/ChrgBr>)(\s*)(<CdtrSchmeId>[\s\S]*?<\/CdtrSchmeId>)/, '$3$2$1'), /CdtrSchmeId|ChrgBr/],
  ])('rejects a deliberately broken file: %s', async (_, breakIt, complaint) => {
    const original = writePain008(collection('.001.02'));
    const broken = breakIt(original);
    expect(broken).not.toEqual(original);
    const result = await validate(broken, '.001.02');
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => complaint.test(e.message))).toBe(true);
  });
});
