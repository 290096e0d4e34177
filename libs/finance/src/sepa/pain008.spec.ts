import { CollectionFile, CollectionTransaction, formatCents, writePain008 } from './pain008';
import { SepaError } from './sepa.errors';
import { escapeXml, isSepaId, toSepaId, toSepaText } from './sepa-text';

/** A small reader for the writer's own output: elements, text, the Ccy and xmlns attributes. */
interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

function parse(xml: string): Node {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const root: Node = { name: '#root', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<\/([\w]+)>|<([\w]+)((?:\s+[\w:]+="[^"]*")*)\s*>|([^<]+)/g;
  for (const match of body.matchAll(token)) {
    const [, closing, opening, attributes, text] = match;
    const top = stack[stack.length - 1];
    if (closing) {
      if (top.name !== closing) throw new Error(`</${closing}> closes <${top.name}>`);
      stack.pop();
    } else if (opening) {
      const node: Node = { name: opening, attributes: Object.fromEntries([...(attributes ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])), children: [], text: '' };
      top.children.push(node);
      stack.push(node);
    } else if (text.trim()) {
      if (/[<>&]/.test(text.replace(/&(amp|lt|gt|quot|apos);/g, ''))) throw new Error(`Unescaped text: ${text}`);
      top.text += text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('Not one well-formed document');
  return root.children[0];
}

const all = (node: Node, path: string): Node[] =>
  path.split('/').reduce<Node[]>((nodes, name) => nodes.flatMap((n) => n.children.filter((c) => c.name === name)), [node]);
const one = (node: Node, path: string): Node => {
  const found = all(node, path);
  if (found.length !== 1) throw new Error(`${path}: ${found.length} elements`);
  return found[0];
};
const text = (node: Node, path: string) => one(node, path).text;
const childNames = (node: Node) => node.children.map((c) => c.name);

const tx = (n: number, overrides: Partial<CollectionTransaction> = {}): CollectionTransaction => ({
  endToEndId: `CONTRIB-2026-${n}`,
  amountCents: 1000 + n,
  mandateId: `BC-0042-${n}`,
  mandateSignedOn: '2025-03-01',
  sequenceType: 'RCUR',
  debtorName: `Lid ${n}`,
  debtorIban: 'NL91ABNA0417164300',
  remittance: `Contributie 2026 lid ${n}`,
  ...overrides,
});

const file = (transactions: CollectionTransaction[], overrides: Partial<CollectionFile> = {}): CollectionFile => ({
  version: '.001.02',
  messageId: 'BC-2026-11-INC-1',
  createdAt: new Date('2026-11-23T09:15:00.123Z'),
  creditor: { name: 'Buurtcoöperatie Rivierenwijk', iban: 'NL44 RABO 0123 4567 89', bic: 'RABONL2U', creditorId: 'NL57ZZZ999999999999' },
  collectionDate: '2026-12-01',
  transactions,
  ...overrides,
});

describe('writePain008', () => {
  const sut = (f: CollectionFile) => parse(writePain008(f));

  it.each(['.001.02', '.001.08'] as const)('writes pain.008%s with the namespace of that version and counts that add up', (version) => {
    const doc = sut(file([tx(1), tx(2, { sequenceType: 'FRST' }), tx(3), tx(4, { sequenceType: 'OOFF', amountCents: 1 })], { version }));
    expect(doc.name).toBe('Document');
    expect(doc.attributes.xmlns).toBe(`urn:iso:std:iso:20022:tech:xsd:pain.008${version}`);
    const root = one(doc, 'CstmrDrctDbtInitn');
    expect(text(root, 'GrpHdr/MsgId')).toBe('BC-2026-11-INC-1');
    expect(text(root, 'GrpHdr/CreDtTm')).toBe('2026-11-23T09:15:00Z');
    expect(text(root, 'GrpHdr/NbOfTxs')).toBe('4');
    // 1001 + 1002 + 1003 + 1 cents
    expect(text(root, 'GrpHdr/CtrlSum')).toBe('30.07');
    expect(text(root, 'GrpHdr/InitgPty/Nm')).toBe('Buurtcooperatie Rivierenwijk');
    const groups = all(root, 'PmtInf');
    expect(groups.map((g) => text(g, 'PmtTpInf/SeqTp'))).toEqual(['FRST', 'RCUR', 'OOFF']);
    expect(groups.map((g) => text(g, 'NbOfTxs'))).toEqual(['1', '2', '1']);
    expect(groups.map((g) => text(g, 'CtrlSum'))).toEqual(['10.02', '20.04', '0.01']);
    expect(groups.map((g) => text(g, 'PmtInfId'))).toEqual(['BC-2026-11-INC-1-FRST-1', 'BC-2026-11-INC-1-RCUR-2', 'BC-2026-11-INC-1-OOFF-3']);
    for (const g of groups) {
      expect(text(g, 'PmtMtd')).toBe('DD');
      expect(text(g, 'PmtTpInf/SvcLvl/Cd')).toBe('SEPA');
      expect(text(g, 'PmtTpInf/LclInstrm/Cd')).toBe('CORE');
      expect(text(g, 'ReqdColltnDt')).toBe('2026-12-01');
      expect(text(g, 'ChrgBr')).toBe('SLEV');
      expect(text(g, 'CdtrAcct/Id/IBAN')).toBe('NL44RABO0123456789');
      expect(text(g, 'CdtrSchmeId/Id/PrvtId/Othr/Id')).toBe('NL57ZZZ999999999999');
      expect(text(g, 'CdtrSchmeId/Id/PrvtId/Othr/SchmeNm/Prtry')).toBe('SEPA');
      // The schema's order of a payment information block.
      expect(childNames(g).filter((n) => n !== 'DrctDbtTxInf')).toEqual(['PmtInfId', 'PmtMtd', 'NbOfTxs', 'CtrlSum', 'PmtTpInf', 'ReqdColltnDt', 'Cdtr', 'CdtrAcct', 'CdtrAgt', 'ChrgBr', 'CdtrSchmeId']);
    }
    const t = all(groups[1], 'DrctDbtTxInf')[0];
    expect(childNames(t)).toEqual(['PmtId', 'InstdAmt', 'DrctDbtTx', 'DbtrAgt', 'Dbtr', 'DbtrAcct', 'RmtInf']);
    expect(one(t, 'InstdAmt').attributes.Ccy).toBe('EUR');
    expect(text(t, 'InstdAmt')).toBe('10.01');
    expect(text(t, 'DrctDbtTx/MndtRltdInf/MndtId')).toBe('BC-0042-1');
    expect(text(t, 'DrctDbtTx/MndtRltdInf/DtOfSgntr')).toBe('2025-03-01');
  });

  it('names the bank BIC in .02 and BICFI in .08, and writes NOTPROVIDED where a BIC is missing', () => {
    const transactions = [tx(1, { debtorBic: 'INGBNL2A' }), tx(2, { debtorBic: null })];
    const v02 = one(sut(file(transactions)), 'CstmrDrctDbtInitn');
    expect(text(v02, 'PmtInf/CdtrAgt/FinInstnId/BIC')).toBe('RABONL2U');
    expect(all(v02, 'PmtInf/DrctDbtTxInf').map((t) => childNames(one(t, 'DbtrAgt/FinInstnId')))).toEqual([['BIC'], ['Othr']]);
    expect(text(all(v02, 'PmtInf/DrctDbtTxInf')[1], 'DbtrAgt/FinInstnId/Othr/Id')).toBe('NOTPROVIDED');

    const v08 = one(sut(file(transactions, { version: '.001.08', creditor: { ...file([]).creditor, bic: undefined } })), 'CstmrDrctDbtInitn');
    expect(text(v08, 'PmtInf/CdtrAgt/FinInstnId/Othr/Id')).toBe('NOTPROVIDED');
    expect(text(all(v08, 'PmtInf/DrctDbtTxInf')[0], 'DbtrAgt/FinInstnId/BICFI')).toBe('INGBNL2A');
    expect(writePain008(file(transactions, { version: '.001.08' }))).not.toContain('<BIC>');
  });

  it('writes amounts from cents without floating point, up to the largest amount the EPC allows', () => {
    expect([0, 1, 10, 99, 100, 101, 123456, 99_999_999_999].map(formatCents)).toEqual(['0.00', '0.01', '0.10', '0.99', '1.00', '1.01', '1234.56', '999999999.99']);
    // 0.1 + 0.2 in floating point is 0.30000000000000004; in cents it is 30.
    const doc = one(sut(file([tx(1, { amountCents: 10 }), tx(2, { amountCents: 20 })])), 'CstmrDrctDbtInitn');
    expect(text(doc, 'GrpHdr/CtrlSum')).toBe('0.30');
    expect(() => formatCents(1.5)).toThrow(RangeError);
  });

  it('carries a mandate amendment: original reference, original IBAN at the same bank, or SMNDA for a new bank', () => {
    const doc = one(
      sut(
        file([
          tx(1),
          tx(2, { amendment: { originalMandateId: 'OUD-REF-2', originalDebtorIban: 'NL20INGB0001234567' } }),
          tx(3, { amendment: { originalDebtorIban: 'NL20INGB0001234567', newDebtorAgent: true }, sequenceType: 'FRST' }),
        ]),
      ),
      'CstmrDrctDbtInitn',
    );
    const [plain, sameBank, newBank] = all(doc, 'PmtInf/DrctDbtTxInf').sort((a, b) => text(a, 'PmtId/EndToEndId').localeCompare(text(b, 'PmtId/EndToEndId')));
    expect(text(plain, 'DrctDbtTx/MndtRltdInf/AmdmntInd')).toBe('false');
    expect(all(plain, 'DrctDbtTx/MndtRltdInf/AmdmntInfDtls')).toHaveLength(0);
    expect(text(sameBank, 'DrctDbtTx/MndtRltdInf/AmdmntInd')).toBe('true');
    const details = one(sameBank, 'DrctDbtTx/MndtRltdInf/AmdmntInfDtls');
    expect(childNames(details)).toEqual(['OrgnlMndtId', 'OrgnlDbtrAcct']);
    expect(text(details, 'OrgnlMndtId')).toBe('OUD-REF-2');
    expect(text(details, 'OrgnlDbtrAcct/Id/IBAN')).toBe('NL20INGB0001234567');
    const moved = one(newBank, 'DrctDbtTx/MndtRltdInf/AmdmntInfDtls');
    expect(childNames(moved)).toEqual(['OrgnlDbtrAgt']);
    expect(text(moved, 'OrgnlDbtrAgt/FinInstnId/Othr/Id')).toBe('SMNDA');
  });

  it('transliterates names and texts to the SEPA character set, and escapes what XML needs escaped', () => {
    const doc = one(
      sut(file([tx(1, { debtorName: 'José Ñúñez-Straße & Zoon <BV>', remittance: 'Contributie “2026” — €12,50 voor Ĳsselmonde; dank!' })])),
      'CstmrDrctDbtInitn',
    );
    const t = one(doc, 'PmtInf/DrctDbtTxInf');
    expect(text(t, 'Dbtr/Nm')).toBe('Jose Nunez-Strasse + Zoon .BV.');
    expect(text(t, 'RmtInf/Ustrd')).toBe("Contributie '2026' - .12,50 voor IJsselmonde. dank.");
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    const xml = writePain008(file([tx(1, { debtorName: "O'Brien" })]));
    expect(xml).toContain('<Nm>O&apos;Brien</Nm>');
    expect(xml).not.toMatch(/[^\x09\x0a\x20-\x7e]/);
  });

  it.each([
    ['é è ë ê', 'e e e e'],
    ['Ångström', 'Angstrom'],
    ['ĳs en ß', 'ijs en ss'],
    ['Łódź Øresund Æbelø', 'Lodz Oresund AEbelo'],
    ['tab\tand\nnewline', 'tab and newline'],
    ['中文名', '...'],
    ['50% @home #1', '50. .home .1'],
  ])('transliterates %s as %s', (input, expected) => {
    expect(toSepaText(input)).toBe(expected);
  });

  it('truncates names to 70, remittance to 140 and identifiers to 35 characters', () => {
    const long = 'Abcdefghij'.repeat(20);
    const doc = one(sut(file([tx(1, { debtorName: long, remittance: long, endToEndId: `E2E-${long}`, mandateId: `M-${long}` })], { messageId: `MSG-${long}` })), 'CstmrDrctDbtInitn');
    const t = one(doc, 'PmtInf/DrctDbtTxInf');
    expect(text(t, 'Dbtr/Nm')).toHaveLength(70);
    expect(text(t, 'RmtInf/Ustrd')).toHaveLength(140);
    expect(text(t, 'PmtId/EndToEndId')).toHaveLength(35);
    expect(text(t, 'DrctDbtTx/MndtRltdInf/MndtId')).toHaveLength(35);
    expect(text(doc, 'GrpHdr/MsgId')).toHaveLength(35);
    expect(text(doc, 'PmtInf/PmtInfId')).toHaveLength(35);
    expect(text(doc, 'PmtInf/PmtInfId').endsWith('-RCUR-1')).toBe(true);
    // ß becomes ss: the name is cut after transliteration, so it never grows past 70.
    expect(text(one(one(sut(file([tx(1, { debtorName: 'ß'.repeat(60) })])), 'CstmrDrctDbtInitn'), 'PmtInf/DrctDbtTxInf'), 'Dbtr/Nm')).toBe('s'.repeat(70));
  });

  it('makes identifiers safe: no spaces, no leading or trailing slash, no double slash', () => {
    expect(toSepaId('/Contributie 2026//Jan/')).toBe('Contributie-2026/Jan');
    expect(isSepaId('BC-0042-1')).toBe(true);
    expect(isSepaId('BC 0042')).toBe(false);
    expect(isSepaId('/BC')).toBe(false);
    expect(isSepaId('B//C')).toBe(false);
    expect(isSepaId('x'.repeat(36))).toBe(false);
  });

  it('groups per collection date as well as sequence type, earliest date first', () => {
    const doc = one(sut(file([tx(1, { collectionDate: '2026-12-15' }), tx(2), tx(3, { collectionDate: '2026-12-15', sequenceType: 'FRST' })])), 'CstmrDrctDbtInitn');
    expect(all(doc, 'PmtInf').map((g) => `${text(g, 'ReqdColltnDt')} ${text(g, 'PmtTpInf/SeqTp')} ${text(g, 'NbOfTxs')}`)).toEqual(['2026-12-01 RCUR 1', '2026-12-15 FRST 1', '2026-12-15 RCUR 1']);
  });

  it.each([
    ['no transactions', file([]), 'transactions'],
    ['an amount of zero', file([tx(1, { amountCents: 0 })]), 'transactions[0].amountCents'],
    ['a fraction of a cent', file([tx(1, { amountCents: 10.5 })]), 'transactions[0].amountCents'],
    ['an amount above the EPC maximum', file([tx(1, { amountCents: 100_000_000_000 })]), 'transactions[0].amountCents'],
    ['a debtor IBAN with a wrong check digit', file([tx(1, { debtorIban: 'NL92ABNA0417164300' })]), 'transactions[0].debtorIban'],
    ['a creditor id that does not check', file([tx(1)], { creditor: { name: 'X', iban: 'NL91ABNA0417164300', creditorId: 'NL58ZZZ999999999999' } }), 'creditor.creditorId'],
    ['a malformed BIC', file([tx(1, { debtorBic: 'ING' })]), 'transactions[0].debtorBic'],
    ['a collection date that does not exist', file([tx(1)], { collectionDate: '2026-02-30' }), 'collectionDate'],
    ['the same end-to-end id twice', file([tx(1), tx(1)]), 'transactions[1].endToEndId'],
  ])('refuses %s, naming the field', (_, input, field) => {
    expect(() => writePain008(input)).toThrow(SepaError);
    try {
      writePain008(input);
    } catch (error) {
      expect((error as SepaError).field).toBe(field);
    }
  });
});
